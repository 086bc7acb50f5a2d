package org.cix.cli.bench;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.cix.storage.LocalPostgres;

/**
 * What a stored version weighs on a PostgreSQL server, column by column, as stored
 * ({@code pg_column_size}: after the column's compression): how much of a version row is the
 * record's body and how much its proofs, which is what a layout that recomputes proofs would take
 * off the write path (issue 22).
 */
final class VersionBytes {
  /** Versions sampled: a stretch of the change log read through its primary key. */
  static final int SAMPLE = 10_000;

  private VersionBytes() {}

  /** Prints the average of the {@link #SAMPLE} versions after change-log number {@code from}. */
  static void print(String jdbcUrl, long from, PrintWriter out) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "");
        PreparedStatement s = c.prepareStatement("SELECT count(*), avg(pg_column_size(v.*)), "
            + "avg(pg_column_size(body)), avg(octet_length(body)), avg(pg_column_size(proof)), "
            + "avg(coalesce(pg_column_size(hop_proofs), 0)) FROM record_version v WHERE seq > ? AND seq <= ?")) {
      s.setLong(1, from);
      s.setLong(2, from + SAMPLE);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        out.printf("a stored version (bytes, mean of %,d as stored): row %.0f = body %.0f (%.0f before "
                + "compression) + proof %.0f + hop proofs %.0f + the other columns%n",
            r.getLong(1), r.getDouble(2), r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getDouble(6));
      }
    }
    out.flush();
  }
}
