package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A parameterised query read into a list on a pooled connection, refusals named by what was being done. */
final class Queries {
  /** Sets a statement's parameters. */
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Reads the current row of a result. */
  interface Row<T> {
    T read(ResultSet row) throws SQLException;
  }

  private Queries() {}

  static <T> List<T> list(Database database, String sql, Binder binder, Row<T> row, String what) {
    List<T> found = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          found.add(row.read(r));
        }
      }
    } catch (SQLException e) {
      throw JdbcRecordStore.failure(what, e);
    }
    return found;
  }
}
