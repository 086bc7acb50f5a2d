package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.cix.core.store.ReplicaLag;

/**
 * A PostgreSQL standby's lag as PostgreSQL reports it: none when the server is a primary (or was
 * promoted), none when its WAL receiver streams and it has replayed all it received; otherwise
 * the age of the newest transaction it replayed ({@code pg_last_xact_replay_timestamp}), which
 * grows while replay is behind or the primary cannot be reached. H2 has no standby: zero.
 */
final class StandbyLag implements ReplicaLag {
  private static final String QUERY = "SELECT pg_is_in_recovery(), "
      + "COALESCE((SELECT status = 'streaming' FROM pg_stat_wal_receiver LIMIT 1), false) "
      + "AND pg_last_wal_receive_lsn() IS NOT NULL AND pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn(), "
      + "pg_last_xact_replay_timestamp()";
  private final Database database;

  StandbyLag(Database database) {
    this.database = database;
  }

  @Override
  public Optional<Duration> behind(Instant now) {
    if (database.engine() == Database.Engine.H2) {
      return Optional.of(Duration.ZERO);
    }
    try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(QUERY);
        ResultSet r = s.executeQuery()) {
      r.next();
      if (!r.getBoolean(1) || r.getBoolean(2)) {
        return Optional.of(Duration.ZERO);
      }
      Timestamp replayed = r.getTimestamp(3);
      if (replayed == null) {
        return Optional.empty();
      }
      Duration age = Duration.between(replayed.toInstant(), now);
      return Optional.of(age.isNegative() ? Duration.ZERO : age);
    } catch (SQLException e) {
      throw Transactions.failure("read the standby's replication lag", e);
    }
  }
}
