package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cix.proto.v1.RecordBody;

/**
 * Versions held per origin node and record type ({@code origin_tally}) and per origin node and the
 * neighbour they came through ({@code origin_via_tally}), and the records held ({@code
 * current_tally}), counted up in the transaction that stores them, so reading the totals costs one
 * small table, never a scan.
 */
final class OriginTally {
  private OriginTally() {}

  /**
   * Counts {@code rows} in, by type and by the neighbour they came through, and {@code newRecords}
   * records held from now on (those of which the rows are the first version held), inside the
   * caller's transaction.
   */
  static void add(Connection c, List<VersionRows.Row> rows, int newRecords) throws SQLException {
    if (newRecords > 0) {
      try (PreparedStatement update = c.prepareStatement("UPDATE current_tally SET records = records + ? WHERE id = 0");
          PreparedStatement insert = c.prepareStatement("INSERT INTO current_tally (id, records) VALUES (0, ?)")) {
        update.setLong(1, newRecords);
        if (update.executeUpdate() == 0) {
          insert.setLong(1, newRecords);
          insert.executeUpdate();
        }
      }
    }
    Map<String, Map<String, Long>> byType = new TreeMap<>();
    Map<String, Map<String, Long>> byVia = new TreeMap<>();
    for (VersionRows.Row row : rows) {
      RecordBody body = row.version().body();
      byType.computeIfAbsent(body.getOriginNode(), k -> new TreeMap<>()).merge(body.getType(), 1L, Long::sum);
      byVia.computeIfAbsent(body.getOriginNode(), k -> new TreeMap<>())
          .merge(row.viaNode() == null ? "" : row.viaNode(), 1L, Long::sum);
    }
    count(c, "origin_tally", "type_id", byType);
    count(c, "origin_via_tally", "via_node", byVia);
  }

  private static void count(Connection c, String table, String key, Map<String, Map<String, Long>> added)
      throws SQLException {
    if (added.isEmpty()) {
      return;
    }
    try (PreparedStatement update = c.prepareStatement(
            "UPDATE " + table + " SET versions = versions + ? WHERE origin_node = ? AND " + key + " = ?");
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO " + table + " (origin_node, " + key + ", versions) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, Map<String, Long>> origin : added.entrySet()) {
        for (Map.Entry<String, Long> counted : origin.getValue().entrySet()) {
          update.setLong(1, counted.getValue());
          update.setString(2, origin.getKey());
          update.setString(3, counted.getKey());
          if (update.executeUpdate() == 0) {
            insert.setString(1, origin.getKey());
            insert.setString(2, counted.getKey());
            insert.setLong(3, counted.getValue());
            insert.executeUpdate();
          }
        }
      }
    }
  }

  /** The records held (the current pointers; no row while there are none). */
  static long records(Connection c) throws SQLException {
    return Queries.count(c, "SELECT COALESCE(MAX(records), 0) FROM current_tally");
  }

  /** The versions held (the versions counted per origin and type). */
  static long versions(Connection c) throws SQLException {
    return Queries.count(c, "SELECT COALESCE(SUM(versions), 0) FROM origin_tally");
  }

  /** The neighbours any version held came through. */
  static List<String> neighbours(Connection c) throws SQLException {
    List<String> neighbours = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT DISTINCT via_node FROM origin_via_tally WHERE via_node <> '' "
            + "ORDER BY via_node")) {
      while (r.next()) {
        neighbours.add(r.getString(1));
      }
    }
    return neighbours;
  }

  /** Origin node to record type to versions held. */
  static Map<String, Map<String, Long>> read(Connection c) throws SQLException {
    return read(c, "origin_tally", "type_id");
  }

  /** Origin node to the neighbour the versions came through ("" for those made here) to versions held. */
  static Map<String, Map<String, Long>> readByVia(Connection c) throws SQLException {
    return read(c, "origin_via_tally", "via_node");
  }

  private static Map<String, Map<String, Long>> read(Connection c, String table, String key) throws SQLException {
    Map<String, Map<String, Long>> totals = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT origin_node, " + key + ", versions FROM " + table)) {
      while (r.next()) {
        totals.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).put(r.getString(2), r.getLong(3));
      }
    }
    return totals;
  }
}
