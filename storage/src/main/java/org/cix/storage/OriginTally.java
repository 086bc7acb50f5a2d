package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cix.proto.v1.RecordBody;

/**
 * Versions held per origin node and record type ({@code origin_tally}), counted up in the
 * transaction that stores them, so reading the totals costs one small table, never a scan.
 */
final class OriginTally {
  private OriginTally() {}

  /** Counts {@code rows} in, inside the caller's transaction. */
  static void add(Connection c, List<VersionRows.Row> rows) throws SQLException {
    Map<String, Map<String, Long>> added = new TreeMap<>();
    for (VersionRows.Row row : rows) {
      RecordBody body = row.version().body();
      added.computeIfAbsent(body.getOriginNode(), k -> new TreeMap<>()).merge(body.getType(), 1L, Long::sum);
    }
    if (added.isEmpty()) {
      return;
    }
    try (PreparedStatement update = c.prepareStatement(
            "UPDATE origin_tally SET versions = versions + ? WHERE origin_node = ? AND type_id = ?");
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO origin_tally (origin_node, type_id, versions) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, Map<String, Long>> origin : added.entrySet()) {
        for (Map.Entry<String, Long> type : origin.getValue().entrySet()) {
          update.setLong(1, type.getValue());
          update.setString(2, origin.getKey());
          update.setString(3, type.getKey());
          if (update.executeUpdate() == 0) {
            insert.setString(1, origin.getKey());
            insert.setString(2, type.getKey());
            insert.setLong(3, type.getValue());
            insert.executeUpdate();
          }
        }
      }
    }
  }

  /** Origin node to record type to versions held. */
  static Map<String, Map<String, Long>> read(Connection c) throws SQLException {
    Map<String, Map<String, Long>> totals = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT origin_node, type_id, versions FROM origin_tally")) {
      while (r.next()) {
        totals.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).put(r.getString(2), r.getLong(3));
      }
    }
    return totals;
  }
}
