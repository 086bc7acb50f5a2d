package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The versions of a record, found without an index by record: each version that follows an
 * earlier one of its record names it in {@code version_chain} (keyed by change-log position, so
 * written in append order), and {@code record_current.last_seq} names the last one stored when it
 * is not the current one (a version received late, after newer ones; null otherwise). Every
 * version of a record is then a walk of primary-key reads from there, in the order they were
 * stored; a link always points to an earlier position, so a walk ends. The write path has one
 * index in random order per version fewer than with an index by record (docs/performance.md,
 * "Versions chained"); a record with one version costs nothing more.
 */
final class VersionChains {
  private static final HexFormat HEX = HexFormat.of();
  /** The last version stored of a record, from its {@code record_current} row (aliased {@code c}). */
  static final String LAST = "COALESCE(c.last_seq, c.seq)";
  /** Links a version (its position) to the one stored before it for its record. */
  static final String LINK = "INSERT INTO version_chain (seq, previous_seq) VALUES (?, ?)";

  private VersionChains() {}

  /**
   * The last version stored of each record of {@code recordIds} held here (record id to its
   * change-log position); records not held are absent.
   */
  static Map<String, Long> last(Connection c, List<String> recordIds) throws SQLException {
    Map<String, Long> last = new HashMap<>();
    Queries.inChunks(c, "SELECT c.record_id, " + LAST + " FROM record_current c WHERE c.record_id IN", recordIds,
        r -> last.put(HEX.formatHex(r.getBytes(1)), r.getLong(2)));
    return last;
  }

  /**
   * Reads {@code columns} of every version reachable from {@code heads} (the last versions stored
   * of some records), a chain level at a time; each row goes to {@code reader}, in no set order.
   * The columns are those of {@code record_version v}.
   */
  static void walk(Connection c, String columns, Collection<Long> heads, Queries.RowReader reader)
      throws SQLException {
    List<Long> level = new ArrayList<>(heads);
    while (!level.isEmpty()) {
      List<Long> next = new ArrayList<>();
      Queries.inChunks(c, "SELECT " + columns + ", p.previous_seq FROM record_version v "
          + "LEFT JOIN version_chain p ON p.seq = v.seq WHERE v.seq IN", level,
          (s, i, seq) -> s.setLong(i, seq), r -> {
            reader.read(r);
            long previous = previous(r);
            if (!r.wasNull()) {
              next.add(previous);
            }
          });
      level = next;
    }
  }

  private static long previous(ResultSet r) throws SQLException {
    return r.getLong(r.getMetaData().getColumnCount());
  }

  /** Records that {@code previous[i]} came before version {@code seq + i} of the same record. */
  static void link(Connection c, long seq, Long[] previous) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(LINK)) {
      int linked = 0;
      for (int i = 0; i < previous.length; i++) {
        if (previous[i] != null) {
          s.setLong(1, seq + i);
          s.setLong(2, previous[i]);
          s.addBatch();
          linked++;
        }
      }
      if (linked > 0) {
        s.executeBatch();
      }
    }
  }
}
