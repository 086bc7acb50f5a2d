package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * How far a follower of the change log has read, kept in a one-row table ({@code id = 1},
 * {@code seq}); 0 before the first move.
 */
final class ChangeLogCursor {
  private ChangeLogCursor() {}

  static long read(Database database, String table) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT seq FROM " + table + " WHERE id = 1");
        ResultSet r = s.executeQuery()) {
      return r.next() ? r.getLong(1) : 0;
    } catch (SQLException e) {
      throw Transactions.failure("read " + table, e);
    }
  }

  /** Moves the cursor on {@code c}, in the caller's transaction. */
  static void move(Connection c, Database.Engine engine, String table, long seq) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(Upserts.sql(engine, table, List.of("id", "seq"), false))) {
      s.setInt(1, 1);
      s.setLong(2, seq);
      s.executeUpdate();
    }
  }
}
