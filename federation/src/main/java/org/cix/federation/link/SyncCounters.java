package org.cix.federation.link;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.cix.core.sync.LinkTotals;
import org.cix.proto.v1.BundleAck;

/**
 * What sync over one link did, for status: counts start from the exchange ledger's totals when
 * the node starts, so they go on across restarts. Thread-safe.
 */
public final class SyncCounters {
  private final Clock clock;
  private long recordsSent;
  private long recordsReceived;
  private long refused;
  private Instant lastBundle;
  private String lastError;
  private Instant lastErrorAt;

  SyncCounters(Clock clock, LinkTotals kept) {
    this.clock = clock;
    this.recordsSent = kept.recordsSent();
    this.recordsReceived = kept.recordsReceived();
    this.refused = kept.refused();
    this.lastBundle = kept.lastBundleMillis().map(Instant::ofEpochMilli).orElse(null);
  }

  synchronized void received(int items, BundleAck ack) {
    recordsReceived += ack.getAccepted();
    refused += ack.getBundleErrorCode().isEmpty() ? ack.getRejectsCount() : items;
    lastBundle = clock.instant();
  }

  synchronized void acknowledged(int items, BundleAck ack) {
    recordsSent += ack.getBundleErrorCode().isEmpty() ? items : 0;
    lastBundle = clock.instant();
  }

  synchronized void failed(String error) {
    lastError = error;
    lastErrorAt = clock.instant();
  }

  /** A consistent copy. */
  public synchronized Snapshot snapshot() {
    return new Snapshot(recordsSent, recordsReceived, refused, Optional.ofNullable(lastBundle),
        Optional.ofNullable(lastError), Optional.ofNullable(lastErrorAt));
  }

  /**
   * @param recordsSent items in bundles the neighbour acknowledged
   * @param recordsReceived versions received and stored (not counting duplicates)
   * @param refused items refused here
   */
  public record Snapshot(long recordsSent, long recordsReceived, long refused, Optional<Instant> lastBundle,
      Optional<String> lastError, Optional<Instant> lastErrorAt) {}
}
