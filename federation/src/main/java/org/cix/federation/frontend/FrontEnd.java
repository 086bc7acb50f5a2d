package org.cix.federation.frontend;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.cix.core.store.ReplicaLag;

/**
 * A node running as a read front end: how far behind its writer its database may be before it
 * stops answering ({@code maxLag}), and where that is read.
 */
public record FrontEnd(Duration maxLag, ReplicaLag lag) {
  public FrontEnd {
    Objects.requireNonNull(lag);
    if (maxLag.isNegative() || maxLag.isZero()) {
      throw new IllegalArgumentException("a front end's max-lag must be positive, got " + maxLag);
    }
  }

  /** How far behind the writer this front end's data is now; empty when the database cannot tell. */
  public Optional<Duration> behind(Clock clock) {
    return lag.behind(clock.instant());
  }

  /** Whether data that far behind may still be served. */
  public boolean fresh(Optional<Duration> behind) {
    return behind.isPresent() && behind.get().compareTo(maxLag) <= 0;
  }
}
