package org.cix.federation.link;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What last went wrong on one link, for status. What went over it is counted in the exchange
 * ledger, in the transaction that stores it ({@link org.cix.core.sync.ExchangeStore#linkTotals}),
 * so that no view shows less than the store holds. Thread-safe.
 */
public final class LinkErrors {
  private final Clock clock;
  private String lastError;
  private Instant lastErrorAt;

  LinkErrors(Clock clock) {
    this.clock = clock;
  }

  synchronized void failed(String error) {
    lastError = error;
    lastErrorAt = clock.instant();
  }

  /** A consistent copy. */
  public synchronized Snapshot snapshot() {
    return new Snapshot(Optional.ofNullable(lastError), Optional.ofNullable(lastErrorAt));
  }

  public record Snapshot(Optional<String> lastError, Optional<Instant> lastErrorAt) {}
}
