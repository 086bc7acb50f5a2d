package org.cix.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far a read-only copy of the node's database (a PostgreSQL hot standby) is behind the
 * writer's: zero when it has replayed everything it received and still receives; otherwise the
 * age at {@code now} of the newest change it has replayed; empty when it cannot tell (nothing
 * replayed yet), which a front end treats as too old.
 */
@FunctionalInterface
public interface ReplicaLag {
  Optional<Duration> behind(Instant now);
}
