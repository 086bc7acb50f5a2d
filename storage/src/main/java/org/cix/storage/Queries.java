package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.postgresql.PGStatement;

/** Reading on a pooled connection, refusals named by what was being done. */
final class Queries {
  private static final HexFormat HEX = HexFormat.of();
  /** Ids per {@code IN (...)} list: long lists go as several statements. */
  private static final int IN_CHUNK = 500;

  /** Sets a statement's parameters. */
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Reads the current row of a result. */
  interface Row<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** Takes each row of a result. */
  interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  private Queries() {}

  /** Reads on a connection of its own, outside any transaction. */
  interface Read<T> {
    T on(Connection c) throws SQLException;
  }

  /** What {@code read} answers; its failure names {@code what} it could not do. */
  static <T> T read(Database database, String what, Read<T> read) {
    try (Connection c = database.dataSource().getConnection()) {
      return read.on(c);
    } catch (SQLException e) {
      throw Transactions.failure(what, e);
    }
  }

  /** A parameterised query read into a list. */
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
      throw Transactions.failure(what, e);
    }
    return found;
  }

  /** The one number a query without parameters answers (a count, a maximum). */
  static long count(Database database, String sql) {
    try (Connection c = database.dataSource().getConnection()) {
      return count(c, sql);
    } catch (SQLException e) {
      throw Transactions.failure("query the store", e);
    }
  }

  /** The one number {@code sql} selects, on {@code c}. */
  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Binds one value of an {@code IN (...)} list. */
  interface ListValue<T> {
    void bind(PreparedStatement statement, int index, T value) throws SQLException;
  }

  /** Runs {@code sqlBeforeList (?, ?, ...)} over hex {@code ids} (bound as bytes) in chunks, each row to {@code reader}. */
  static void inChunks(Connection c, String sqlBeforeList, List<String> ids, RowReader reader) throws SQLException {
    inChunks(c, sqlBeforeList, ids, (s, i, id) -> s.setBytes(i, HEX.parseHex(id)), reader);
  }

  /** Runs {@code sqlBeforeList (?, ?, ...)} over {@code values} in chunks, each row to {@code reader}. */
  static <T> void inChunks(Connection c, String sqlBeforeList, List<T> values, ListValue<T> value, RowReader reader)
      throws SQLException {
    for (int from = 0; from < values.size(); from += IN_CHUNK) {
      List<T> chunk = values.subList(from, Math.min(values.size(), from + IN_CHUNK));
      try (PreparedStatement s = c.prepareStatement(sqlBeforeList + " (" + "?,".repeat(chunk.size() - 1) + "?)")) {
        if (s.isWrapperFor(PGStatement.class)) {
          // planned for these values every time: a plan PostgreSQL keeps from when the tables
          // were nearly empty goes on scanning them as they grow (docs/performance.md)
          s.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
        for (int i = 0; i < chunk.size(); i++) {
          value.bind(s, i + 1, chunk.get(i));
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            reader.read(r);
          }
        }
      }
    }
  }

  /** {@code s} cut to the {@code max} characters its column holds. */
  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
