package org.cix.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 21: on PostgreSQL, {@code record_version} becomes a table partitioned by range of the
 * change-log sequence ({@link VersionPartitions}). The versions a store held before stay where
 * they are, attached as its first partition (no copy; PostgreSQL reads them once to check the
 * range and builds the record index on them). The record index is no longer unique: a unique
 * index of a partitioned table must hold the partition key; no version is stored twice because
 * the change log has one writer, which stores a version only after looking up the record's
 * current one (ingest) or every version held at or above it (reception). Migration 22
 * ({@link VersionChaining}) then drops the index on both engines. H2 has no partitions and keeps
 * its table.
 */
final class VersionPartitioning extends CodeMigration {
  private static final Logger log = LoggerFactory.getLogger(VersionPartitioning.class);

  VersionPartitioning() {
    super(21, "record version partitions");
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    if (!c.getMetaData().getDatabaseProductName().equals("PostgreSQL") || partitioned(c)) {
      return;
    }
    long end = Queries.count(c, "SELECT COALESCE(MAX(seq), 0) FROM record_version") + 1;
    String held = VersionPartitions.PREFIX + 1;
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE record_version RENAME TO " + held);
      s.execute("ALTER INDEX record_version_pkey RENAME TO " + held + "_pkey");
      s.execute("DROP INDEX record_version_id");
      s.execute("CREATE TABLE record_version (LIKE " + held + " INCLUDING DEFAULTS) PARTITION BY RANGE (seq)");
      s.execute("ALTER TABLE record_version ADD CONSTRAINT record_version_pkey PRIMARY KEY (seq)");
      s.execute("CREATE INDEX record_version_id ON record_version (record_id, version)");
      if (end == 1) {
        // nothing held: the first partition is made, as every later one, before its first version
        s.execute("DROP TABLE " + held);
        return;
      }
      s.execute("ALTER TABLE record_version ATTACH PARTITION " + held + " FOR VALUES FROM (MINVALUE) TO (" + end
          + ")");
    }
    log.info("record_version partitioned: the {} versions held are its first partition, {}", end - 1, held);
  }

  /** Whether the table is partitioned already (this migration ran, and its record was lost). */
  private static boolean partitioned(Connection c) throws SQLException {
    return Queries.count(c, "SELECT COUNT(*) FROM pg_class WHERE relname = 'record_version' AND relkind = 'p'") > 0;
  }
}
