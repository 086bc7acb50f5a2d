package org.cix.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 23: on PostgreSQL, the byte columns of {@code record_version} (a version's body,
 * proof and hop proofs) are compressed with LZ4 instead of the server's default, pglz. A received
 * version with its proofs is about 2 KiB, over the size at which PostgreSQL compresses a row's
 * values, and pglz was a quarter of the server's time storing them (docs/performance.md). The
 * versions held stay as they are (a value is compressed when written); the table and every
 * partition it has take LZ4 for what is written next, and later partitions copy it from the table
 * ({@link VersionPartitions}). A server without LZ4 (before 14, or built without it) keeps pglz,
 * with a warning. H2 compresses its pages itself and has nothing to change.
 */
final class BodyCompression extends CodeMigration {
  private static final Logger log = LoggerFactory.getLogger(BodyCompression.class);
  static final List<String> COLUMNS = List.of("body", "proof", "hop_proofs");

  BodyCompression() {
    super(23, "record bodies compressed with lz4");
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    if (!c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
      return;
    }
    if (Queries.count(c, "SELECT COUNT(*) FROM pg_settings WHERE name = 'default_toast_compression' "
        + "AND 'lz4' = ANY(enumvals)") == 0) {
      log.warn("this PostgreSQL server has no LZ4 compression (it needs version 14 or later, built with LZ4): "
          + "record bodies stay compressed with pglz, "
          + "which costs the server more time per stored version");
      return;
    }
    List<String> tables = new ArrayList<>(List.of("record_version"));
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT i.inhrelid::regclass::text FROM pg_inherits i "
            + "WHERE i.inhparent = 'record_version'::regclass")) {
      while (r.next()) {
        tables.add(r.getString(1));
      }
    }
    try (Statement s = c.createStatement()) {
      for (String table : tables) {
        for (String column : COLUMNS) {
          s.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " SET COMPRESSION lz4");
        }
      }
    }
    log.info("record_version and its {} partitions compress record bodies with lz4 from now on", tables.size() - 1);
  }
}
