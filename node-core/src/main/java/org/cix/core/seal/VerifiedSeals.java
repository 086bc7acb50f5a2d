package org.cix.core.seal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.cix.proto.v1.SealHeader;

/**
 * Seals this node has verified, kept across profiles and checks so that a seal's signature and
 * its origin's chain are checked once, not once per question. Only verified seals are kept (a
 * refused one may verify later, once its seal or certificate arrives). Forgotten when the
 * revocation lists change (a certificate revoked for key compromise may undo a verdict), and all
 * at once when {@code capacity} is reached, which bounds the memory they take.
 */
public final class VerifiedSeals {
  private final int capacity;
  private final Map<String, SealHeader> verified = new ConcurrentHashMap<>();
  private final AtomicLong trust = new AtomicLong();

  public VerifiedSeals(int capacity) {
    this.capacity = capacity;
  }

  /**
   * The key of a seal's verdict: the seal, the time it is verified as of, and the origin the
   * version names (a version naming another origin under the same seal is checked again).
   */
  public static String key(String sealId, long provenAtMillis, String origin) {
    return sealId + "@" + provenAtMillis + "@" + origin;
  }

  public Optional<SealHeader> get(String key) {
    return Optional.ofNullable(verified.get(key));
  }

  /** The trust in force: taken before a seal is verified, so a verdict reached under older trust is not kept. */
  public long trust() {
    return trust.get();
  }

  /**
   * Keeps a seal verified under {@code trust} ({@link #trust()} when its check began), unless the
   * trust changed since.
   */
  public synchronized void put(String key, SealHeader header, long trust) {
    if (trust != this.trust.get()) {
      return;
    }
    if (verified.size() >= capacity) {
      verified.clear();
    }
    verified.put(key, header);
  }

  /** Forgets every verdict: the trust they rest on changed. */
  public synchronized void forget() {
    trust.incrementAndGet();
    verified.clear();
  }
}
