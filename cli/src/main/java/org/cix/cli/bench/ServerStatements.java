package org.cix.cli.bench;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.cix.storage.LocalPostgres;

/**
 * Where a PostgreSQL server's time went, by statement ({@code pg_stat_statements}, which ships
 * with Debian's PostgreSQL): what a benchmark's CPU account shows as one server process, split
 * into the writes, the reads and the commits that made it.
 */
final class ServerStatements {
  /** The server settings that load the statistics (given when the server starts). */
  static final Map<String, String> SETTINGS = Map.of("shared_preload_libraries", "pg_stat_statements");
  private static final int SHOWN = 10;

  private ServerStatements() {}

  /** Starts counting from zero in the database at {@code jdbcUrl}. */
  static void reset(String jdbcUrl) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.execute("SELECT pg_stat_statements_reset()");
    }
  }

  /** The statements that took the most time since {@link #reset}, in ms per 1,000 {@code units}. */
  static void print(String jdbcUrl, long units, PrintWriter out) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT calls, total_exec_time, query, "
            + "sum(total_exec_time) OVER () AS all_time FROM pg_stat_statements "
            + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            + "ORDER BY total_exec_time DESC LIMIT " + SHOWN)) {
      boolean first = true;
      while (r.next()) {
        if (first) {
          out.printf("server time by statement (ms per 1,000 units; all statements %.1f):%n",
              r.getDouble("all_time") / units * 1000);
          first = false;
        }
        String query = r.getString("query").replaceAll("\\s+", " ");
        out.printf("  %9.1f  %,10d calls  %s%n", r.getDouble("total_exec_time") / units * 1000, r.getLong("calls"),
            query.length() > 110 ? query.substring(0, 110) + "..." : query);
      }
      out.flush();
    }
  }
}
