package org.cix.storage;

import com.google.protobuf.ByteString;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.cix.core.error.CixException;
import org.cix.core.node.NodeStores;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.SealedBatch;
import org.cix.core.store.CurrentVersion;
import org.cix.core.profile.SubjectProfiles;
import org.cix.core.quality.IssueKind;
import org.cix.core.quality.QualityIssue;
import org.cix.core.store.Quarantined;
import org.cix.core.store.RecordStore;
import org.cix.core.store.StoreCounts;
import org.cix.core.store.Standby;
import org.cix.core.store.StoredVersion;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.sync.LedgerEntry;
import org.cix.core.sync.LinkCursor;
import org.cix.core.sync.LinkTotals;
import org.cix.core.sync.LoggedVersion;
import org.cix.core.sync.ReceivedVersion;
import org.cix.core.sync.Reception;
import org.cix.core.sync.ReceptionOutcome;
import org.cix.crypto.hash.Hashes;
import org.cix.crypto.pki.CertIdentity;
import org.cix.crypto.pki.DerChains;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.HopProofs;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealHeader;
import org.cix.proto.v1.SealProof;

/**
 * {@link RecordStore} on JDBC. One writer at a time (appends are serialised here); each append
 * is one transaction, made durable ({@code CHECKPOINT SYNC}) before it returns.
 */
public final class JdbcRecordStore implements RecordStore, ExchangeStore {
  private static final int HASH = 32;
  private static final int IN_CHUNK = 500;
  private static final HexFormat HEX = HexFormat.of();

  private final Database database;
  private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
  private long nextSeq;

  public JdbcRecordStore(Database database) {
    this.database = database;
    this.nextSeq = queryLong("SELECT COALESCE(MAX(seq), 0) FROM record_version") + 1;
  }

  @Override
  public Map<String, CurrentVersion> current(Collection<String> recordIds) {
    Map<String, CurrentVersion> found = new HashMap<>();
    try (Connection c = database.dataSource().getConnection()) {
      select(c, "SELECT c.record_id, c.version, c.sha256, c.content_sha256, v.origin_node FROM record_current c "
          + "JOIN record_version v ON v.seq = c.seq WHERE c.record_id IN", new ArrayList<>(recordIds), r -> {
            String id = HEX.formatHex(r.getBytes(1));
            found.put(id, new CurrentVersion(id, r.getInt(2), r.getBytes(3), r.getBytes(4), r.getString(5)));
          });
    } catch (SQLException e) {
      throw failure("read current versions", e);
    }
    return found;
  }

  @Override
  public synchronized long append(SealedBatch batch, long receivedAtMillis) {
    long seq = nextSeq;
    List<VersionRows.Row> rows = new ArrayList<>(batch.versions().size());
    for (int i = 0; i < batch.versions().size(); i++) {
      rows.add(new VersionRows.Row(batch.versions().get(i), batch.proofs().get(i), null, null, "", null));
    }
    Transactions.durably(database, "store a sealed batch of " + batch.versions().size() + " versions", c -> {
      insertSeal(c, batch.seal(), batch.header(), false);
      VersionRows.insert(c, database.engine(), seq, rows, receivedAtMillis, null);
    });
    nextSeq = seq + rows.size();
    appended();
    return nextSeq - 1;
  }


  private static final List<String> SEAL_COLUMNS =
      List.of("seal_id", "origin_node", "leaf_count", "header", "signature", "sealed_at");

  private void insertSeal(Connection c, Seal seal, SealHeader header, boolean mayExist) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(mayExist ? Upserts.sql(database.engine(), "seal", SEAL_COLUMNS, true)
        : "INSERT INTO seal (" + String.join(", ", SEAL_COLUMNS) + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setBytes(1, HEX.parseHex(header.getSealId()));
      s.setString(2, header.getOriginNode());
      s.setInt(3, header.getLeafCount());
      s.setBytes(4, seal.getHeader().toByteArray());
      s.setBytes(5, seal.getSignature().toByteArray());
      s.setLong(6, header.getSealedAtMillis());
      s.executeUpdate();
    }
  }



  @Override
  public List<StoredVersion> currentOfSubject(String subjectId) {
    return versions("SELECT v.seq, v.body, v.sha256, v.seal_id, v.leaf_index, v.proof, v.received_at, v.via_node, "
        + "v.hops FROM record_current c JOIN record_version v ON v.seq = c.seq WHERE c.subject_id = ? ORDER BY v.seq",
        s -> s.setString(1, subjectId));
  }

  @Override
  public List<StoredVersion> currentRepresentedBy(String personId) {
    return versions("SELECT v.seq, v.body, v.sha256, v.seal_id, v.leaf_index, v.proof, v.received_at, v.via_node, "
        + "v.hops FROM record_current c JOIN record_version v ON v.seq = c.seq WHERE c.represented_by = ? "
        + "ORDER BY v.seq", s -> s.setString(1, personId));
  }

  @Override
  public List<SubjectName> subjectsNamed(String part, int limit) {
    String pattern = "%" + part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT subject_id, MAX(subject_name) FROM record_current "
            + "WHERE subject_name LIKE ? ESCAPE '\\' GROUP BY subject_id ORDER BY subject_id LIMIT ?")) {
      s.setString(1, pattern);
      s.setInt(2, limit);
      List<SubjectName> found = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          found.add(new SubjectName(r.getString(1), r.getString(2)));
        }
      }
      return found;
    } catch (SQLException e) {
      throw failure("search subjects by name", e);
    }
  }

  @Override
  public List<StoredVersion> history(String recordId) {
    byte[] id = HEX.parseHex(recordId);
    return versions("SELECT seq, body, sha256, seal_id, leaf_index, proof, received_at, via_node, hops "
        + "FROM record_version WHERE record_id = ? ORDER BY version", s -> s.setBytes(1, id));
  }

  @Override
  public Optional<Seal> seal(String sealId) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT header, signature FROM seal WHERE seal_id = ?")) {
      s.setBytes(1, HEX.parseHex(sealId));
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(Seal.newBuilder().setHeader(ByteString.copyFrom(r.getBytes(1)))
            .setSignature(ByteString.copyFrom(r.getBytes(2))).build());
      }
    } catch (SQLException e) {
      throw failure("read seal " + sealId, e);
    }
  }

  @Override
  public void quarantine(List<Quarantined> items) {
    if (items.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    Transactions.durably(database, "quarantine " + items.size() + " items", c -> insertQuarantine(c, items, now));
  }

  /** Keeps refused items, each also an issue in its source department's quality queue. */
  private static void insertQuarantine(Connection c, List<Quarantined> items, long now) throws SQLException {
    List<QualityIssue> issues = new ArrayList<>(items.size());
    for (Quarantined item : items) {
      issues.add(new QualityIssue(0, now, IssueKind.ofQuarantineSource(item.source()), item.department(),
          item.departmentName(), item.reasonCode(), item.source(), "", "", item.position() + ": " + item.detail(),
          Optional.empty()));
    }
    JdbcQualityStore.insert(c, issues);
    try (PreparedStatement s = c.prepareStatement("INSERT INTO quarantine (at, source, position, reason_code, "
        + "detail, content) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Quarantined item : items) {
        s.setLong(1, now);
        s.setString(2, truncate(item.source(), 1024));
        s.setString(3, truncate(item.position(), 64));
        s.setString(4, truncate(item.reasonCode(), 64));
        s.setString(5, truncate(item.detail(), 4096));
        s.setBytes(6, item.content());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  // ---- the exchange (ExchangeStore) ----

  @Override
  public List<LoggedVersion> changesAfter(long afterSeq, int limit) {
    return changes("seq > ?", limit, s -> {
      s.setLong(1, afterSeq);
      return 1;
    });
  }

  @Override
  public List<LoggedVersion> changesOfTypes(long afterSeq, long upToSeq, Collection<String> types, int limit) {
    if (types.isEmpty()) {
      return List.of();
    }
    List<String> list = List.copyOf(types);
    return changes("seq > ? AND seq <= ? AND type_id IN (" + "?,".repeat(list.size() - 1) + "?)", limit, s -> {
      s.setLong(1, afterSeq);
      s.setLong(2, upToSeq);
      for (int i = 0; i < list.size(); i++) {
        s.setString(3 + i, list.get(i));
      }
      return 2 + list.size();
    });
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

  /** Change-log entries matching {@code where} (its parameters bound first), in order, up to {@code limit}. */
  private List<LoggedVersion> changes(String where, int limit, CountingBinder binder) {
    List<LoggedVersion> result = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT seq, record_id, version, type_id, subject_id, origin_node, "
            + "via_node, body, sha256, seal_id, leaf_index, proof, hops, received_at, hop_proofs FROM record_version "
            + "WHERE " + where
            + " ORDER BY seq LIMIT ?")) {
      s.setInt(binder.bind(s) + 1, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String via = r.getString(7);
          HopsColumn.Hops hops = HopsColumn.decode(r.getString(13));
          result.add(new LoggedVersion(r.getLong(1), HEX.formatHex(r.getBytes(2)), r.getInt(3), r.getString(4),
              r.getString(5), r.getString(6), via == null ? "" : via, r.getBytes(8), r.getBytes(9),
              decodePath(HEX.formatHex(r.getBytes(10)), r.getInt(11), r.getBytes(12)), hops.nodes(), hops.times(),
              r.getLong(14), hopProofs(r.getBytes(15))));
        }
      }
    } catch (SQLException e) {
      throw failure("read the change log", e);
    }
    return result;
  }

  @Override
  public long head() {
    return queryLong("SELECT COALESCE(MAX(seq), 0) FROM record_version");
  }

  @Override
  public Map<String, Seal> seals(Collection<String> sealIds) {
    Map<String, Seal> found = new HashMap<>();
    for (String id : sealIds) {
      seal(id).ifPresent(seal -> found.put(id, seal));
    }
    return found;
  }

  @Override
  public void putOriginChain(List<X509Certificate> chain) {
    Transactions.durably(database, "keep an origin certificate", c -> mergeOriginChain(c, chain));
  }

  private void mergeOriginChain(Connection c, List<X509Certificate> chain) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(Upserts.sql(database.engine(), "origin_certificate",
        List.of("cert_sha256", "node_id", "chain"), true))) {
      X509Certificate leaf = chain.get(0);
      s.setBytes(1, Hashes.sha256(DerChains.encode(List.of(leaf)).get(0)));
      s.setString(2, CertIdentity.of(leaf).nodeId().orElse(""));
      s.setBytes(3, DerChains.pack(chain));
      s.executeUpdate();
    } catch (CertificateParsingException e) {
      throw new SQLException("origin certificate without an identity: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<List<X509Certificate>> sealChain(byte[] certSha256) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT chain FROM origin_certificate WHERE cert_sha256 = ?")) {
      s.setBytes(1, certSha256);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(DerChains.unpack(r.getBytes(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read an origin certificate", e);
    } catch (java.security.cert.CertificateException e) {
      throw new CixException(CixException.Kind.UNAVAILABLE, "a stored origin certificate is unreadable: "
          + e.getMessage(), e);
    }
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
      throw failure("read the cursor of " + peerNode, e);
    }
  }

  @Override
  public synchronized ReceptionOutcome receive(Reception reception) {
    long seq = nextSeq;
    List<VersionRows.Row> rows = new ArrayList<>();
    int[] counts = new int[2];
    Transactions.durably(database, "store a bundle from " + reception.peerNode(), c -> {
      rows.clear();
      counts[0] = 0;
      counts[1] = 0;
      Map<String, Integer> current = new HashMap<>();
      Map<String, String> origins = new HashMap<>();
      Map<String, Map<Integer, byte[]>> existing = held(c, reception.versions(), current, origins);
      List<ReceivedVersion> conflicts = new ArrayList<>();
      List<byte[]> heldHashes = new ArrayList<>();
      for (ReceivedVersion received : reception.versions()) {
        RecordVersion version = received.version();
        Map<Integer, byte[]> versions = existing.computeIfAbsent(version.recordId(), k -> new HashMap<>());
        byte[] have = versions.get(version.version());
        String origin = origins.get(version.recordId());
        if (have == null && origin != null && !origin.equals(version.body().getOriginNode())) {
          conflicts.add(received);
          heldHashes.add(versions.get(current.get(version.recordId())));
        } else if (have == null) {
          versions.put(version.version(), version.sha256());
          rows.add(new VersionRows.Row(version, received.proof(), reception.peerNode(), reception.lastSeq(),
              HopsColumn.encode(received.hops(), received.hopTimes()),
              HopProofs.newBuilder().addAllProofs(received.hopProofs()).build().toByteArray()));
        } else if (java.util.Arrays.equals(have, version.sha256())) {
          counts[0]++;
        } else {
          conflicts.add(received);
          heldHashes.add(have);
        }
      }
      counts[1] = conflicts.size();
      for (Seal seal : reception.seals()) {
        insertSeal(c, seal, sealHeader(seal), true);
      }
      for (List<X509Certificate> chain : reception.origins()) {
        mergeOriginChain(c, chain);
      }
      VersionRows.insert(c, database.engine(), seq, rows, reception.receivedAtMillis(), current);
      insertConflicts(c, reception, conflicts, heldHashes);
      insertQuarantine(c, reception.refused(), reception.receivedAtMillis());
      try (PreparedStatement s = c.prepareStatement(
          Upserts.sql(database.engine(), "link_cursor", List.of("peer_node", "received"), false))) {
        s.setString(1, reception.peerNode());
        s.setLong(2, reception.lastSeq());
        s.executeUpdate();
      }
      LedgerEntry l = reception.ledger();
      if (l.items() == 0) {
        return;
      }
      LedgerRows.insert(c, new LedgerEntry(l.atMillis(), l.peerNode(), l.direction(), l.firstSeq(), l.lastSeq(),
          l.items(), l.bytes(), rows.size(), counts[0], counts[1], l.rejected(), l.byType(), l.rejects(),
          l.lagMaxMillis(), l.lagSumMillis(), l.error()));
    });
    nextSeq = seq + rows.size();
    if (!rows.isEmpty()) {
      appended();
    }
    return new ReceptionOutcome(rows.size(), counts[0], counts[1]);
  }

  /**
   * The held versions that {@code incoming} could collide with: record id to version to SHA-256;
   * fills {@code current} with the current version of each record held. Found by primary key in
   * {@code record_current}; only records that already have a version at or above an incoming one
   * (a duplicate or a conflict, rare) are looked up in {@code record_version}. Fills
   * {@code origins} with the node that made each record held: only it makes later versions.
   */
  private static Map<String, Map<Integer, byte[]>> held(Connection c, List<ReceivedVersion> incoming,
      Map<String, Integer> current, Map<String, String> origins) throws SQLException {
    List<String> ids = incoming.stream().map(v -> v.version().recordId()).distinct().toList();
    Map<String, Map<Integer, byte[]>> found = new HashMap<>();
    select(c, "SELECT c.record_id, c.version, c.sha256, v.origin_node FROM record_current c "
        + "JOIN record_version v ON v.seq = c.seq WHERE c.record_id IN", ids, r -> {
      String id = HEX.formatHex(r.getBytes(1));
      current.put(id, r.getInt(2));
      origins.put(id, r.getString(4));
      found.computeIfAbsent(id, k -> new HashMap<>()).put(r.getInt(2), r.getBytes(3));
    });
    List<String> older = incoming.stream()
        .filter(v -> current.getOrDefault(v.version().recordId(), 0) > v.version().version())
        .map(v -> v.version().recordId()).distinct().toList();
    select(c, "SELECT record_id, version, sha256 FROM record_version WHERE record_id IN", older, r ->
        found.computeIfAbsent(HEX.formatHex(r.getBytes(1)), k -> new HashMap<>()).put(r.getInt(2), r.getBytes(3)));
    return found;
  }

  private interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  /** Runs {@code sqlBeforeList (?, ?, ...)} over {@code ids} in chunks, each row to {@code reader}. */
  private static void select(Connection c, String sqlBeforeList, List<String> ids, RowReader reader)
      throws SQLException {
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      try (PreparedStatement s = c.prepareStatement(sqlBeforeList + " (" + "?,".repeat(chunk.size() - 1) + "?)")) {
        for (int i = 0; i < chunk.size(); i++) {
          s.setBytes(i + 1, HEX.parseHex(chunk.get(i)));
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            reader.read(r);
          }
        }
      }
    }
  }

  /** Keeps conflicting versions aside, each also an issue of the incoming version's source department. */
  private static void insertConflicts(Connection c, Reception reception, List<ReceivedVersion> conflicts,
      List<byte[]> heldHashes) throws SQLException {
    if (conflicts.isEmpty()) {
      return;
    }
    List<QualityIssue> issues = new ArrayList<>(conflicts.size());
    for (ReceivedVersion conflict : conflicts) {
      RecordBody body = conflict.version().body();
      issues.add(new QualityIssue(0, reception.receivedAtMillis(), IssueKind.CONFLICT, body.getSourceDepartment(),
          SubjectProfiles.field(body.getFieldsList(), "source_unit").orElse(""), "conflict",
          "link:" + reception.peerNode(), body.getRecordId(), body.getSubjectId(), "version " + body.getVersion()
              + " made by " + body.getOriginNode() + " differs from the version held here"
              + (body.getVersion() == 1 ? "" : " (or its record was made by another node)"),
          Optional.empty()));
    }
    JdbcQualityStore.insert(c, issues);
    try (PreparedStatement s = c.prepareStatement("INSERT INTO conflict (at, record_id, version, held_sha256, "
        + "incoming_sha256, via_node, origin_node, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < conflicts.size(); i++) {
        RecordVersion version = conflicts.get(i).version();
        s.setLong(1, reception.receivedAtMillis());
        s.setBytes(2, HEX.parseHex(version.recordId()));
        s.setInt(3, version.version());
        s.setBytes(4, heldHashes.get(i));
        s.setBytes(5, version.sha256());
        s.setString(6, reception.peerNode());
        s.setString(7, version.body().getOriginNode());
        s.setBytes(8, version.bytesUnsafe());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static SealHeader sealHeader(Seal seal) throws SQLException {
    try {
      return SealHeader.parseFrom(seal.getHeader());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new SQLException("unreadable seal header", e);
    }
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
    try (Connection c = database.dataSource().getConnection()) {
      return LedgerRows.newest(c, limit);
    } catch (SQLException e) {
      throw failure("read the exchange ledger", e);
    }
  }

  @Override
  public List<LedgerEntry> ledgerSince(long atMillis) {
    try (Connection c = database.dataSource().getConnection()) {
      return LedgerRows.since(c, atMillis);
    } catch (SQLException e) {
      throw failure("read the exchange ledger", e);
    }
  }

  @Override
  public Map<String, List<Long>> arrivalLags(long sinceMillis, int limit) {
    Map<String, List<Long>> lags = new java.util.TreeMap<>();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT v.origin_node, v.received_at - s.sealed_at "
            + "FROM record_version v JOIN seal s ON s.seal_id = v.seal_id "
            + "WHERE v.via_node IS NOT NULL AND v.via_node <> '' AND v.received_at >= ? ORDER BY v.seq DESC LIMIT ?")) {
      s.setLong(1, sinceMillis);
      s.setInt(2, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          lags.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(Math.max(0, r.getLong(2)));
        }
      }
    } catch (SQLException e) {
      throw failure("read arrival times", e);
    }
    return lags;
  }

  @Override
  public Map<String, LinkTotals> linkTotals() {
    try (Connection c = database.dataSource().getConnection()) {
      return LedgerRows.totals(c);
    } catch (SQLException e) {
      throw failure("sum the exchange ledger per link", e);
    }
  }

  @Override
  public Map<String, Map<String, Long>> versionsByOrigin() {
    Map<String, Map<String, Long>> totals = new java.util.TreeMap<>();
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT origin_node, via_node, COUNT(*) FROM record_version "
            + "GROUP BY origin_node, via_node")) {
      while (r.next()) {
        String via = r.getString(2);
        totals.computeIfAbsent(r.getString(1), k -> new java.util.TreeMap<>()).put(via == null ? "" : via,
            r.getLong(3));
      }
    } catch (SQLException e) {
      throw failure("count versions per origin", e);
    }
    return totals;
  }

  @Override
  public Map<String, Map<String, Long>> versionsByOriginAndType() {
    try (Connection c = database.dataSource().getConnection()) {
      return OriginTally.read(c);
    } catch (SQLException e) {
      throw failure("read the versions held per origin and type", e);
    }
  }

  @Override
  public void onAppend(LongConsumer listener) {
    listeners.add(listener);
  }

  private void appended() {
    long head = nextSeq - 1;
    for (LongConsumer listener : listeners) {
      listener.accept(head);
    }
  }

  @Override
  public StoreCounts counts() {
    return new StoreCounts(
        queryLong("SELECT COUNT(*) FROM record_current"),
        queryLong("SELECT COUNT(*) FROM record_version"),
        queryLong("SELECT COUNT(*) FROM seal"),
        queryLong("SELECT COUNT(*) FROM quarantine"),
        queryLong("SELECT COALESCE(MAX(seq), 0) FROM record_version"));
  }

  @Override
  public List<Standby> standbys() {
    if (database.engine() != Database.Engine.POSTGRES) {
      return List.of();
    }
    return Queries.list(database, "SELECT application_name, COALESCE(host(client_addr), 'local'), state, sync_state, "
        + "(EXTRACT(EPOCH FROM replay_lag) * 1000)::bigint FROM pg_stat_replication ORDER BY application_name",
        s -> { }, r -> {
          long lag = r.getLong(5);
          return new Standby(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
              r.wasNull() ? Optional.empty() : Optional.of(lag));
        }, "read the replication state");
  }

  /**
   * The ports of a node on this store's database: records, exchange, checks, grants, audit,
   * adopted measures, requests, the quality queue, accounts and submissions.
   */
  public NodeStores stores() {
    return new NodeStores(this, this, new JdbcCheckLog(database), new JdbcGrantStore(database),
        new JdbcAuditLog(database), new JdbcMeasuresStore(database), new JdbcCorrectionStore(database),
        new JdbcQualityStore(database), new JdbcAccountStore(database), new JdbcSubmissionStore(database),
        out -> NodeTransfer.backup(database, out));
  }

  /** The database this store is on. */
  public Database database() {
    return database;
  }

  @Override
  public void close() {
    database.close();
  }

  private List<StoredVersion> versions(String sql, Queries.Binder binder) {
    return Queries.list(database, sql, binder, r -> {
      RecordVersion version = RecordVersion.fromBytes(r.getBytes(2), r.getBytes(3));
      SealProof proof = decodePath(HEX.formatHex(r.getBytes(4)), r.getInt(5), r.getBytes(6));
      String via = r.getString(8);
      HopsColumn.Hops hops = HopsColumn.decode(r.getString(9));
      return new StoredVersion(r.getLong(1), version, proof, r.getLong(7), via == null
          ? StoredVersion.Provenance.LOCAL : new StoredVersion.Provenance(via, hops.nodes(), hops.times()));
    }, "read record versions");
  }

  static byte[] encodePath(SealProof proof) {
    byte[] path = new byte[proof.getPathCount() * HASH];
    for (int i = 0; i < proof.getPathCount(); i++) {
      proof.getPath(i).copyTo(path, i * HASH);
    }
    return path;
  }

  private static SealProof decodePath(String sealId, int leafIndex, byte[] path) {
    SealProof.Builder proof = SealProof.newBuilder().setSealId(sealId).setLeafIndex(leafIndex);
    for (int i = 0; i + HASH <= path.length; i += HASH) {
      proof.addPath(ByteString.copyFrom(path, i, HASH));
    }
    return proof.build();
  }

  private long queryLong(String sql) {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw failure("query the store", e);
    }
  }

  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  static CixException failure(String what, SQLException e) {
    return Transactions.failure(what, e);
  }
}
