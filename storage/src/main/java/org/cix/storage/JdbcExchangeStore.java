package org.cix.storage;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.sync.LedgerEntry;
import org.cix.core.sync.LinkCursor;
import org.cix.core.sync.LinkTotals;
import org.cix.core.sync.LoggedVersion;
import org.cix.core.sync.Reception;
import org.cix.core.sync.ReceptionOutcome;
import org.cix.proto.v1.HopProofs;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealProof;

/**
 * {@link ExchangeStore} on JDBC: the change log read for sending, bundles received (each one
 * transaction with its cursor and ledger entry, durable before it is acknowledged), the link
 * cursors and the ledger.
 */
public final class JdbcExchangeStore implements ExchangeStore {
  private static final HexFormat HEX = HexFormat.of();

  private final Database database;
  private final ChangeLog log;

  JdbcExchangeStore(Database database, ChangeLog log) {
    this.database = database;
    this.log = log;
  }

  @Override
  public List<LoggedVersion> changesAfter(long afterSeq, int limit) {
    return changes("seq > ? ORDER BY seq", limit, s -> {
      s.setLong(1, afterSeq);
      return 1;
    });
  }

  @Override
  public List<LoggedVersion> changesNotFrom(long afterSeq, long upToSeq, String neighbour) {
    // one version per sequence: the range bounds the rows
    return changes("seq > ? AND seq <= ? AND (via_node IS NULL OR via_node <> ?) ORDER BY seq", Integer.MAX_VALUE,
        s -> {
          s.setLong(1, afterSeq);
          s.setLong(2, upToSeq);
          s.setString(3, neighbour);
          return 3;
        });
  }

  /**
   * One read per type through the index by type and sequence (schema 25), merged in sequence
   * order: the first {@code limit} of all types are among the first {@code limit} of each, and no
   * read walks the versions of other types.
   */
  @Override
  public List<LoggedVersion> changesOfTypes(long afterSeq, long upToSeq, Collection<String> types, int limit) {
    List<LoggedVersion> merged = new ArrayList<>();
    for (String type : new TreeSet<>(types)) {
      merged.addAll(changes(OF_TYPE, limit, s -> {
        s.setString(1, type);
        s.setLong(2, afterSeq);
        s.setLong(3, upToSeq);
        return 3;
      }));
    }
    merged.sort(Comparator.comparingLong(LoggedVersion::seq));
    return merged.size() > limit ? List.copyOf(merged.subList(0, limit)) : merged;
  }

  /** The hop proofs kept with a version (none for versions made here or stored before receipts). */
  private static List<SealProof> hopProofs(byte[] column) throws SQLException {
    if (column == null) {
      return List.of();
    }
    try {
      return HopProofs.parseFrom(column).getProofsList();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new SQLException("unreadable hop proofs", e);
    }
  }

  /** Binds a statement's parameters; returns how many it bound. */
  private interface CountingBinder {
    int bind(PreparedStatement s) throws SQLException;
  }

  /**
   * Versions of one type in a range of the change log: {@code type_id}, lower and upper sequence;
   * ordered as the index by type is, so that the engine reads it in order and stops at the limit
   * (ordered by sequence alone, H2 sorts every version of the type in the range first).
   */
  static final String OF_TYPE = "type_id = ? AND seq > ? AND seq <= ? ORDER BY type_id, seq";

  /**
   * The query of the change-log entries {@code selection} chooses (a condition and an order in
   * the order of the log), its last parameter the limit.
   */
  static String changesQuery(String selection) {
    return "SELECT seq, record_id, version, type_id, subject_id, origin_node, via_node, body, sha256, seal_id, "
        + "leaf_index, proof, hops, received_at, hop_proofs FROM record_version WHERE " + selection + " LIMIT ?";
  }

  /** Change-log entries {@code selection} chooses (its parameters bound first), up to {@code limit}. */
  private List<LoggedVersion> changes(String selection, int limit, CountingBinder binder) {
    List<LoggedVersion> result = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(changesQuery(selection))) {
      s.setInt(binder.bind(s) + 1, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String via = r.getString(7);
          HopsColumn.Hops hops = HopsColumn.decode(r.getString(13));
          result.add(new LoggedVersion(r.getLong(1), HEX.formatHex(r.getBytes(2)), r.getInt(3), r.getString(4),
              r.getString(5), r.getString(6), via == null ? "" : via, r.getBytes(8), r.getBytes(9),
              ProofPaths.decode(HEX.formatHex(r.getBytes(10)), r.getInt(11), r.getBytes(12)), hops.nodes(),
              hops.times(), r.getLong(14), hopProofs(r.getBytes(15))));
        }
      }
    } catch (SQLException e) {
      throw Transactions.failure("read the change log", e);
    }
    return result;
  }

  @Override
  public long head() {
    return Queries.count(database, "SELECT COALESCE(MAX(seq), 0) FROM record_version");
  }

  @Override
  public Map<String, Seal> seals(Collection<String> sealIds) {
    Map<String, Seal> found = new HashMap<>();
    for (String id : sealIds) {
      SealRows.read(database, id).ifPresent(seal -> found.put(id, seal));
    }
    return found;
  }

  @Override
  public void putOriginChain(List<X509Certificate> chain) {
    Transactions.durably(database, "keep an origin certificate",
        c -> SealRows.mergeOriginChain(c, database.engine(), chain));
  }

  @Override
  public Optional<List<X509Certificate>> sealChain(byte[] certSha256) {
    return SealRows.originChain(database, certSha256);
  }

  @Override
  public LinkCursor cursor(String peerNode) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT sent_acked, received FROM link_cursor WHERE peer_node = ?")) {
      s.setString(1, peerNode);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? new LinkCursor(peerNode, r.getLong(1), r.getLong(2)) : new LinkCursor(peerNode, 0, 0);
      }
    } catch (SQLException e) {
      throw Transactions.failure("read the cursor of " + peerNode, e);
    }
  }

  @Override
  public ReceptionOutcome receive(Reception reception) {
    return log.write(seq -> {
      ReceivedBundle bundle = new ReceivedBundle(database, reception);
      Transactions.durably(database, "store a bundle from " + reception.peerNode(), c -> bundle.store(c, seq));
      return new ChangeLog.Written<>(bundle.outcome().accepted(), bundle.outcome());
    });
  }

  @Override
  public void acknowledged(LedgerEntry entry) {
    Transactions.run(database, "keep the acknowledgement of " + entry.peerNode(), c -> {
      try (PreparedStatement s = c.prepareStatement(
          Upserts.sql(database.engine(), "link_cursor", List.of("peer_node", "sent_acked"), false))) {
        s.setString(1, entry.peerNode());
        s.setLong(2, entry.lastSeq());
        s.executeUpdate();
      }
      if (entry.items() > 0) {
        LedgerRows.insert(c, entry);
      }
    });
  }

  @Override
  public void restartReceiving(String peerNode, LedgerEntry note) {
    Transactions.durably(database, "restart receiving from " + peerNode, c -> {
      try (PreparedStatement s = c.prepareStatement(
          Upserts.sql(database.engine(), "link_cursor", List.of("peer_node", "received"), false))) {
        s.setString(1, peerNode);
        s.setLong(2, 0);
        s.executeUpdate();
      }
      LedgerRows.insert(c, note);
    });
  }

  @Override
  public void ledger(LedgerEntry entry) {
    Transactions.run(database, "keep a ledger entry", c -> LedgerRows.insert(c, entry));
  }

  @Override
  public List<LedgerEntry> ledger(int limit) {
    return Queries.read(database, "read the exchange ledger", c -> LedgerRows.newest(c, limit));
  }

  @Override
  public List<LedgerEntry> ledgerSince(long atMillis) {
    return Queries.read(database, "read the exchange ledger", c -> LedgerRows.since(c, atMillis));
  }

  /**
   * The arrivals through one neighbour, newest first: neighbour, received since, limit (ordered as
   * the index by neighbour is, read backwards, for the reason of {@link #OF_TYPE}).
   */
  static final String ARRIVALS = "SELECT v.seq, v.origin_node, v.received_at - s.sealed_at FROM record_version v "
      + "JOIN seal s ON s.seal_id = v.seal_id WHERE v.via_node = ? AND v.received_at >= ? "
      + "ORDER BY v.via_node DESC, v.seq DESC LIMIT ?";

  private record Arrival(long seq, String origin, long lagMillis) {}

  /**
   * One read per neighbour through the index by neighbour and sequence (schema 27), the newest
   * {@code limit} of them all kept: the versions made here are never walked.
   */
  @Override
  public Map<String, List<Long>> arrivalLags(long sinceMillis, int limit) {
    List<Arrival> arrivals = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(ARRIVALS)) {
      for (String neighbour : OriginTally.neighbours(c)) {
        s.setString(1, neighbour);
        s.setLong(2, sinceMillis);
        s.setInt(3, limit);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            arrivals.add(new Arrival(r.getLong(1), r.getString(2), Math.max(0, r.getLong(3))));
          }
        }
      }
    } catch (SQLException e) {
      throw Transactions.failure("read arrival times", e);
    }
    arrivals.sort(Comparator.comparingLong(Arrival::seq).reversed());
    Map<String, List<Long>> lags = new TreeMap<>();
    arrivals.stream().limit(limit)
        .forEach(a -> lags.computeIfAbsent(a.origin(), k -> new ArrayList<>()).add(a.lagMillis()));
    return lags;
  }

  @Override
  public Map<String, LinkTotals> linkTotals() {
    return Queries.read(database, "sum the exchange ledger per link", c -> LedgerRows.totals(c));
  }

  @Override
  public Map<String, Map<String, Long>> versionsByOrigin() {
    return Queries.read(database, "read the versions held per origin and neighbour", c -> OriginTally.readByVia(c));
  }

  @Override
  public Map<String, Map<String, Long>> versionsByOriginAndType() {
    return Queries.read(database, "read the versions held per origin and type", c -> OriginTally.read(c));
  }

  @Override
  public void onAppend(LongConsumer listener) {
    log.onAppend(listener);
  }
}
