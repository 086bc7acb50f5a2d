package org.cix.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PostgreSQL's statistics of the record tables in step with a change log that grows by
 * bulk: {@code ANALYZE} each time the log has doubled since the last. Autovacuum alone leaves a
 * fresh database without statistics for its first minute (it wakes once a minute), during which
 * the lookups of a bulk arrival were planned as scans of the whole table (a sync into a new
 * database fell to half its rate), and it never analyses a partitioned table itself. Doubling
 * keeps the cost to a few dozen runs over a store's life, each on {@code record_current} and the
 * partition being written. H2 keeps its own ({@link #NONE}).
 */
final class PlannerStatistics {
  static final PlannerStatistics NONE = new PlannerStatistics(null, Long.MAX_VALUE);
  /** The first run: below this many versions any plan is fast. */
  private static final long FIRST = 1_000;
  private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

  private final Database database;
  /** The head of the log when the statistics were last taken (or when this process started). */
  private long analyzedAt;

  PlannerStatistics(Database database, long head) {
    this.database = database;
    this.analyzedAt = head;
  }

  /** Told the new head after each write; analyses when the log has doubled. */
  void grown(long head) {
    if (head < FIRST || head / 2 < analyzedAt) {
      return;
    }
    analyzedAt = head;
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("ANALYZE record_current, " + newestPartition(s));
    } catch (SQLException e) {
      // the versions are stored; autovacuum analyses later
      log.warn("could not analyse the record tables at change-log position {}: {}", head, e.getMessage());
    }
  }

  /**
   * The partition the log is written into (the others hold what they held when last analysed);
   * the whole table would sample every partition each time.
   */
  private static String newestPartition(Statement s) throws SQLException {
    long newest = -1;
    try (ResultSet r = s.executeQuery("SELECT p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid "
        + "WHERE i.inhparent = 'record_version'::regclass")) {
      while (r.next()) {
        newest = Math.max(newest, Long.parseLong(r.getString(1).substring(VersionPartitions.PREFIX.length())));
      }
    }
    return newest < 0 ? "record_version" : VersionPartitions.PREFIX + newest;
  }
}
