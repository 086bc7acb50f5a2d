package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cix.core.sync.LedgerEntry;
import org.cix.core.sync.LinkTotals;

/** The exchange ledger's rows; counts per type and per reason are kept as {@code key=count,...}. */
final class LedgerRows {
  private static final String COLUMNS = "at, peer_node, direction, first_seq, last_seq, items, bytes, accepted, "
      + "duplicates, conflicts, rejected, by_type, rejects, lag_max_ms, lag_sum_ms, error";

  private LedgerRows() {}

  static void insert(Connection c, LedgerEntry e) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO exchange_ledger (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setLong(1, e.atMillis());
      s.setString(2, e.peerNode());
      s.setString(3, e.direction().name().toLowerCase(java.util.Locale.ROOT));
      s.setLong(4, e.firstSeq());
      s.setLong(5, e.lastSeq());
      s.setInt(6, e.items());
      s.setLong(7, e.bytes());
      s.setInt(8, e.accepted());
      s.setInt(9, e.duplicates());
      s.setInt(10, e.conflicts());
      s.setInt(11, e.rejected());
      s.setString(12, counts(e.byType()));
      s.setString(13, counts(e.rejects()));
      s.setLong(14, e.lagMaxMillis());
      s.setLong(15, e.lagSumMillis());
      s.setString(16, e.error().map(m -> m.length() > 1024 ? m.substring(0, 1024) : m).orElse(null));
      s.executeUpdate();
    }
    addToTotals(c, e);
  }

  /** Counts {@code e} into {@code link_totals}, in the caller's transaction. */
  private static void addToTotals(Connection c, LedgerEntry e) throws SQLException {
    String direction = e.direction().name().toLowerCase(java.util.Locale.ROOT);
    long items = e.error().isPresent() ? 0 : e.items();
    try (PreparedStatement update = c.prepareStatement("UPDATE link_totals SET items = items + ?, "
        + "accepted = accepted + ?, rejected = rejected + ?, last_at = GREATEST(last_at, ?) "
        + "WHERE peer_node = ? AND direction = ?")) {
      update.setLong(1, items);
      update.setLong(2, e.accepted());
      update.setLong(3, e.rejected());
      update.setLong(4, e.atMillis());
      update.setString(5, e.peerNode());
      update.setString(6, direction);
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO link_totals (peer_node, direction, items, "
        + "accepted, rejected, last_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, e.peerNode());
      insert.setString(2, direction);
      insert.setLong(3, items);
      insert.setLong(4, e.accepted());
      insert.setLong(5, e.rejected());
      insert.setLong(6, e.atMillis());
      insert.executeUpdate();
    }
  }

  static List<LedgerEntry> newest(Connection c, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM exchange_ledger ORDER BY id DESC "
        + "LIMIT ?")) {
      s.setInt(1, limit);
      return read(s);
    }
  }

  static List<LedgerEntry> since(Connection c, long atMillis) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM exchange_ledger WHERE at >= ? "
        + "ORDER BY id")) {
      s.setLong(1, atMillis);
      return read(s);
    }
  }

  /** Per neighbour: items acknowledged by it, versions stored from it, items refused from it, the last bundle. */
  static Map<String, LinkTotals> totals(Connection c) throws SQLException {
    Map<String, long[]> sums = new java.util.TreeMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT peer_node, direction, items, accepted, rejected, last_at "
        + "FROM link_totals");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        long[] sum = sums.computeIfAbsent(r.getString(1), k -> new long[4]);
        if ("sent".equals(r.getString(2))) {
          sum[0] += r.getLong(3);
        } else {
          sum[1] += r.getLong(4);
          sum[2] += r.getLong(5);
        }
        sum[3] = Math.max(sum[3], r.getLong(6));
      }
    }
    Map<String, LinkTotals> totals = new java.util.TreeMap<>();
    sums.forEach((peer, sum) -> totals.put(peer, new LinkTotals(sum[0], sum[1], sum[2],
        sum[3] > 0 ? Optional.of(sum[3]) : Optional.empty())));
    return totals;
  }

  private static List<LedgerEntry> read(PreparedStatement s) throws SQLException {
    List<LedgerEntry> result = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        result.add(new LedgerEntry(r.getLong(1), r.getString(2),
            LedgerEntry.Direction.valueOf(r.getString(3).toUpperCase(java.util.Locale.ROOT)), r.getLong(4),
            r.getLong(5), r.getInt(6), r.getLong(7), r.getInt(8), r.getInt(9), r.getInt(10), r.getInt(11),
            parse(r.getString(12)), parse(r.getString(13)), r.getLong(14), r.getLong(15),
            Optional.ofNullable(r.getString(16))));
      }
    }
    return result;
  }

  private static String counts(Map<String, Integer> counts) {
    String text = counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    return text.length() > 2048 ? text.substring(0, 2048) : text;
  }

  private static Map<String, Integer> parse(String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    if (text.isEmpty()) {
      return counts;
    }
    for (String part : text.split(",")) {
      int eq = part.lastIndexOf('=');
      if (eq > 0) {
        counts.put(part.substring(0, eq), Integer.parseInt(part.substring(eq + 1)));
      }
    }
    return counts;
  }
}
