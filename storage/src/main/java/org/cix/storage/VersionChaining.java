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
 * version numbers, so each record's last one is its current one ({@code last_seq} stays null).
 * Nothing of the version table is rewritten: only versions that follow an earlier one get a row
 * in {@code version_chain}. Every step can run again (H2 commits each change of the tables' shape
 * on its own), so a crash during it leaves a store that the next start migrates from the
 * beginning.
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
      s.execute("ALTER TABLE record_current ADD COLUMN IF NOT EXISTS last_seq BIGINT");
      s.execute("CREATE TABLE IF NOT EXISTS version_chain (seq BIGINT NOT NULL PRIMARY KEY, "
          + "previous_seq BIGINT NOT NULL)");
      s.executeUpdate("DELETE FROM version_chain");
    }
    long chained = chain(c);
    try (Statement s = c.createStatement()) {
      s.execute("DROP INDEX IF EXISTS record_version_id");
    }
    if (chained > 0) {
      log.info("record versions chained: {} versions follow an earlier one of their record", chained);
    }
  }

  /** Links each held version to the version before it of the same record. */
  private static long chain(Connection c) throws SQLException {
    long read = 0;
    long chained = 0;
    try (PreparedStatement select = c.prepareStatement(
            "SELECT record_id, seq FROM record_version ORDER BY record_id, version");
        PreparedStatement insert = c.prepareStatement(VersionChains.LINK)) {
      select.setFetchSize(BATCH);
      byte[] record = null;
      long previous = 0;
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          byte[] id = rows.getBytes(1);
          long seq = rows.getLong(2);
          if (Arrays.equals(id, record)) {
            insert.setLong(1, seq);
            insert.setLong(2, previous);
            insert.addBatch();
            if (++chained % BATCH == 0) {
              insert.executeBatch();
            }
          }
          record = id;
          previous = seq;
          if (++read % 1_000_000 == 0) {
            log.info("chaining record versions: {} read", read);
          }
        }
      }
      insert.executeBatch();
    }
    return chained;
  }
}
