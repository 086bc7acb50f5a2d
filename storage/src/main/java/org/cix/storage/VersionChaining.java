package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 22: the versions of a record are chained ({@link VersionChains}) and the index of
 * {@code record_version} by record id and version goes, so a stored version costs one index
 * entry in random order fewer. The versions a store held are chained in the order of their
 * version numbers and each record's last one is its current one. Every step can run again (H2
 * commits each change of the tables' shape on its own), so a crash during it leaves a store that
 * the next start migrates from the beginning.
 */
final class VersionChaining extends CodeMigration {
  private static final Logger log = LoggerFactory.getLogger(VersionChaining.class);
  private static final int BATCH = 1_000;

  VersionChaining() {
    super(22, "record version chains");
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE record_version ADD COLUMN IF NOT EXISTS previous_seq BIGINT");
      s.execute("ALTER TABLE record_current ADD COLUMN IF NOT EXISTS last_seq BIGINT");
    }
    long chained = chain(c);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE record_current SET last_seq = seq");
      s.execute("ALTER TABLE record_current ALTER COLUMN last_seq SET NOT NULL");
      s.execute("DROP INDEX IF EXISTS record_version_id");
    }
    if (chained > 0) {
      log.info("record versions chained: {} versions follow an earlier one of their record", chained);
    }
  }

  /** Sets each held version's {@code previous_seq} to the version before it of the same record. */
  private static long chain(Connection c) throws SQLException {
    long read = 0;
    long chained = 0;
    try (PreparedStatement select = c.prepareStatement(
            "SELECT record_id, seq FROM record_version ORDER BY record_id, version");
        PreparedStatement update = c.prepareStatement("UPDATE record_version SET previous_seq = ? WHERE seq = ?")) {
      select.setFetchSize(BATCH);
      byte[] record = null;
      long previous = 0;
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          byte[] id = rows.getBytes(1);
          long seq = rows.getLong(2);
          if (Arrays.equals(id, record)) {
            update.setLong(1, previous);
            update.setLong(2, seq);
            update.addBatch();
            if (++chained % BATCH == 0) {
              update.executeBatch();
            }
          }
          record = id;
          previous = seq;
          if (++read % 1_000_000 == 0) {
            log.info("chaining record versions: {} read", read);
          }
        }
      }
      update.executeBatch();
    }
    return chained;
  }
}
