package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema's migrations: one tree of SQL files for both engines ({@value #LOCATION}), the few
 * words that differ between them given as placeholders, and the Java migrations that fill what
 * SQL cannot compute.
 *
 * <p>Until schema 22, V1..V12 were two trees, one per engine. Flyway records each applied file's
 * checksum, computed over its text before placeholders are replaced, so the files written once
 * have other checksums than the ones a store made before recorded. Before migrating, a store's
 * history is brought to the one tree ({@link #adoptOneTree}): a checksum is rewritten only where
 * it is exactly the one the engine's own file had, and Flyway's validation refuses any other
 * difference as before.
 */
final class Migrations {
  static final String LOCATION = "classpath:db/migration";
  private static final String HISTORY = "flyway_schema_history";
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);
  private static final Map<Database.Engine, Map<String, String>> PLACEHOLDERS = Map.of(
      Database.Engine.H2, Map.of("binary16", "BINARY(16)", "binary32", "BINARY(32)", "bytes", "VARBINARY",
          "text", "VARCHAR(20000)", "record_id_hex", "LOWER(RAWTOHEX(record_id))"),
      Database.Engine.POSTGRES, Map.of("binary16", "BYTEA", "binary32", "BYTEA", "bytes", "BYTEA",
          "text", "TEXT", "record_id_hex", "encode(record_id, 'hex')"));
  /** The checksums V1..V12 had in each engine's own tree (those that differ from the one tree's). */
  private static final Map<Database.Engine, Map<String, Integer>> ENGINE_TREES = Map.of(
      Database.Engine.H2, Map.of("1", -301428789, "2", -820888848, "6", -106879540, "7", -948212775,
          "8", -1972046334, "9", -1173237410, "10", -1209381631, "11", 903159203),
      Database.Engine.POSTGRES, Map.of("1", -472526771, "2", -1648085301, "6", 1230024740, "7", 334320851,
          "8", -524921192, "9", -508773879, "10", 802299316, "11", -241456367));

  private Migrations() {}

  /** Flyway configured for {@code engine}'s schema, without a data source. */
  static FluentConfiguration configure(Database.Engine engine) {
    return Flyway.configure().locations(LOCATION).placeholders(PLACEHOLDERS.get(engine))
        .javaMigrations(new RepresentedByBackfill(), new SubjectNameBackfill(), new ReceivedMonthBackfill(),
            new VersionPartitioning(), new VersionChaining(), new BodyCompression());
  }

  static Flyway flyway(Database.Engine engine, DataSource dataSource) {
    return configure(engine).dataSource(dataSource).load();
  }

  /**
   * Rewrites the recorded checksum of each of V1..V12 that a store applied from its engine's own
   * tree to the one tree's; returns how many.
   */
  static int adoptOneTree(Flyway flyway, Database.Engine engine, DataSource dataSource) throws SQLException {
    Map<String, Integer> engineTree = ENGINE_TREES.get(engine);
    int adopted = 0;
    try (Connection c = dataSource.getConnection()) {
      if (!fromEngineTree(c, engineTree)) {
        return 0;
      }
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE \"" + HISTORY + "\" SET \"checksum\" = ? WHERE \"version\" = ? AND \"checksum\" = ?")) {
        for (MigrationInfo m : flyway.info().applied()) {
          Integer recorded = m.getVersion() == null ? null : engineTree.get(m.getVersion().getVersion());
          if (recorded != null && recorded.equals(m.getAppliedChecksum()) && m.getResolvedChecksum() != null) {
            update.setInt(1, m.getResolvedChecksum());
            update.setString(2, m.getVersion().getVersion());
            update.setInt(3, recorded);
            adopted += update.executeUpdate();
          }
        }
      }
    }
    log.info("schema history: {} migrations of the {} tree recorded as the one tree's", adopted, engine);
    return adopted;
  }

  /** Whether the store's history records a checksum of its engine's own tree (one cheap query). */
  private static boolean fromEngineTree(Connection c, Map<String, Integer> engineTree) throws SQLException {
    try (ResultSet tables = c.getMetaData().getTables(null, null, HISTORY, null)) {
      if (!tables.next()) {
        return false;
      }
    }
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT \"version\", \"checksum\" FROM \"" + HISTORY + "\"")) {
      while (r.next()) {
        String version = r.getString(1);
        Integer recorded = version == null ? null : engineTree.get(version);
        int checksum = r.getInt(2);
        if (recorded != null && !r.wasNull() && recorded == checksum) {
          return true;
        }
      }
    }
    return false;
  }
}
