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

  /**
   * Refuses a front end's keys (no sealing key) for a writer, and a writer's for a front end (its
   * sealing key does not belong on a front end's host).
   */
  public static void requireMatching(boolean frontEndKeys, Optional<FrontEnd> frontEnd) {
    if (frontEndKeys != frontEnd.isPresent()) {
      throw new IllegalArgumentException(frontEndKeys
          ? "these are a read front end's keys (no sealing key): configure the node as a front end (section front-end)"
          : "a read front end runs on a front end's keys (cix node init --front-end), never on the writer's "
              + "sealing key");
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
