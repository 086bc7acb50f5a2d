package org.cix.federation.tls;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of refused TLS handshakes: address, side and reason, at most one line per address per
 * interval (the next line says how many were left out), so a scanner or a misconfigured node
 * retrying every 50 ms cannot flood the log. Remembers a bounded number of addresses.
 */
public final class HandshakeRefusals {
  private static final Logger log = LoggerFactory.getLogger(HandshakeRefusals.class);
  private static final int ADDRESSES = 1024;

  private final Duration interval;
  private final Clock clock;
  private final Map<String, long[]> seen = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
      return size() > ADDRESSES;
    }
  };
  private long total;

  public HandshakeRefusals(Duration interval, Clock clock) {
    this.interval = interval;
    this.clock = clock;
  }

  /**
   * Notes a handshake refused because of the {@code side}'s certificate.
   *
   * @return true when a line was logged
   */
  synchronized boolean refused(String address, String side, String reason) {
    total++;
    String host = address.contains(":") ? address.substring(0, address.lastIndexOf(':')) : address;
    long now = clock.millis();
    long[] entry = seen.get(host);
    if (entry != null && now - entry[0] < interval.toMillis()) {
      entry[1]++;
      return false;
    }
    long suppressed = entry == null ? 0 : entry[1];
    seen.put(host, new long[] {now, 0});
    log.warn("refused a TLS handshake with {} ({} certificate): {}{}", address, side, reason,
        suppressed == 0 ? "" : " (" + suppressed + " more from " + host + " not logged)");
    return true;
  }

  /** Handshakes refused for a certificate since start. */
  public synchronized long total() {
    return total;
  }
}
