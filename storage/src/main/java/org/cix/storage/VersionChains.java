package org.cix.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The versions of a record, found without an index by record: each version row names the one
 * stored before it for the same record ({@code record_version.previous_seq}) and
 * {@code record_current.last_seq} names the last one stored, so every version of a record is a
 * walk of primary-key reads from there, in the order they were stored (which is not always the
 * order of version numbers: a version received late is stored after newer ones). The write path
 * then keeps one index in random order per version (the current pointer) instead of two
 * (docs/performance.md, "Issue 22's layout").
 */
final class VersionChains {
  private static final HexFormat HEX = HexFormat.of();

  private VersionChains() {}

  /**
   * The last version stored of each record of {@code recordIds} held here (record id to its
   * change-log position); records not held are absent.
   */
  static Map<String, Long> last(Connection c, List<String> recordIds) throws SQLException {
    Map<String, Long> last = new HashMap<>();
    Queries.inChunks(c, "SELECT record_id, last_seq FROM record_current WHERE record_id IN", recordIds,
        r -> last.put(HEX.formatHex(r.getBytes(1)), r.getLong(2)));
    return last;
  }

  /**
   * Reads {@code columns} of every version reachable from {@code heads} (the last versions stored
   * of some records), a chain level at a time; each row goes to {@code reader}, in no set order.
   */
  static void walk(Connection c, String columns, Collection<Long> heads, Queries.RowReader reader)
      throws SQLException {
    List<Long> level = new ArrayList<>(heads);
    while (!level.isEmpty()) {
      List<Long> next = new ArrayList<>();
      Queries.inChunks(c, "SELECT " + columns + ", previous_seq FROM record_version WHERE seq IN", level,
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
}
