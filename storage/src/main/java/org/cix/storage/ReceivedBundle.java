package org.cix.storage;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.cix.core.record.RecordVersion;
import org.cix.core.sync.LedgerEntry;
import org.cix.core.sync.ReceivedVersion;
import org.cix.core.sync.Reception;
import org.cix.core.sync.ReceptionOutcome;
import org.cix.proto.v1.HopProofs;
import org.cix.proto.v1.Seal;

/**
 * One received bundle stored in one transaction: its new versions, seals and origin
 * certificates, its conflicts and refused items set aside, the link's receive cursor and the
 * ledger entry. Sorted again from the start when the transaction runs again.
 */
final class ReceivedBundle {
  private static final HexFormat HEX = HexFormat.of();

  private final Database database;
  private final Reception reception;
  private final List<VersionRows.Row> rows = new ArrayList<>();
  private final List<ReceivedVersion> conflicts = new ArrayList<>();
  private final List<byte[]> heldHashes = new ArrayList<>();
  private int duplicates;

  ReceivedBundle(Database database, Reception reception) {
    this.database = database;
    this.reception = reception;
  }

  /** What the last {@link #store} did. */
  ReceptionOutcome outcome() {
    return new ReceptionOutcome(rows.size(), duplicates, conflicts.size());
  }

  /** Stores the bundle's new versions from change-log number {@code seq} on. */
  void store(Connection c, long seq) throws SQLException {
    rows.clear();
    conflicts.clear();
    heldHashes.clear();
    duplicates = 0;
    Map<String, Integer> current = new HashMap<>();
    Map<String, Long> last = new HashMap<>();
    Map<String, String> origins = new HashMap<>();
    Map<String, Map<Integer, byte[]>> existing = held(c, reception.versions(), current, last, origins);
    for (ReceivedVersion incoming : reception.versions()) {
      sort(incoming, existing, current, origins);
    }
    for (Seal seal : reception.seals()) {
      SealRows.insert(c, database.engine(), seal, true);
    }
    for (List<X509Certificate> chain : reception.origins()) {
      SealRows.mergeOriginChain(c, database.engine(), chain);
    }
    VersionRows.insert(c, database, seq, rows, reception.receivedAtMillis(), current, last);
    SetAside.conflicts(c, reception.peerNode(), reception.receivedAtMillis(), conflicts, heldHashes);
    SetAside.quarantine(c, reception.refused(), reception.receivedAtMillis());
    try (PreparedStatement s = c.prepareStatement(
        Upserts.sql(database.engine(), "link_cursor", List.of("peer_node", "received"), false))) {
      s.setString(1, reception.peerNode());
      s.setLong(2, reception.lastSeq());
      s.executeUpdate();
    }
    LedgerEntry l = reception.ledger();
    if (l.items() > 0) {
      LedgerRows.insert(c, new LedgerEntry(l.atMillis(), l.peerNode(), l.direction(), l.firstSeq(), l.lastSeq(),
          l.items(), l.bytes(), rows.size(), duplicates, conflicts.size(), l.rejected(), l.byType(), l.rejects(),
          l.lagMaxMillis(), l.lagSumMillis(), l.error()));
    }
  }

  /** A new version to store, one held already (a duplicate), or one that contradicts what is held. */
  private void sort(ReceivedVersion incoming, Map<String, Map<Integer, byte[]>> existing,
      Map<String, Integer> current, Map<String, String> origins) {
    RecordVersion version = incoming.version();
    Map<Integer, byte[]> versions = existing.computeIfAbsent(version.recordId(), k -> new HashMap<>());
    byte[] have = versions.get(version.version());
    String origin = origins.get(version.recordId());
    if (have == null && origin != null && !origin.equals(version.body().getOriginNode())) {
      conflicts.add(incoming);
      heldHashes.add(versions.get(current.get(version.recordId())));
    } else if (have == null) {
      versions.put(version.version(), version.sha256());
      rows.add(new VersionRows.Row(version, incoming.proof(), reception.peerNode(), reception.lastSeq(),
          HopsColumn.encode(incoming.hops(), incoming.hopTimes()),
          HopProofs.newBuilder().addAllProofs(incoming.hopProofs()).build().toByteArray()));
    } else if (Arrays.equals(have, version.sha256())) {
      duplicates++;
    } else {
      conflicts.add(incoming);
      heldHashes.add(have);
    }
  }

  /**
   * The held versions that {@code incoming} could collide with: record id to version to SHA-256;
   * fills {@code current} with the current version of each record held and {@code last} with the
   * last one stored ({@link VersionChains}). Found by primary key in {@code record_current}; only
   * records that already have a version at or above an incoming one (a duplicate or a conflict,
   * rare) have their other versions read, along their chains. Fills {@code origins} with the node
   * that made each record held: only it makes later versions.
   */
  private static Map<String, Map<Integer, byte[]>> held(Connection c, List<ReceivedVersion> incoming,
      Map<String, Integer> current, Map<String, Long> last, Map<String, String> origins) throws SQLException {
    List<String> ids = incoming.stream().map(v -> v.version().recordId()).distinct().toList();
    Map<String, Map<Integer, byte[]>> found = new HashMap<>();
    Queries.inChunks(c, "SELECT c.record_id, c.version, c.sha256, v.origin_node, " + VersionChains.LAST
        + " FROM record_current c "
        + "JOIN record_version v ON v.seq = c.seq WHERE c.record_id IN", ids, r -> {
      String id = HEX.formatHex(r.getBytes(1));
      current.put(id, r.getInt(2));
      origins.put(id, r.getString(4));
      last.put(id, r.getLong(5));
      found.computeIfAbsent(id, k -> new HashMap<>()).put(r.getInt(2), r.getBytes(3));
    });
    List<Long> older = incoming.stream()
        .filter(v -> current.getOrDefault(v.version().recordId(), 0) > v.version().version())
        .map(v -> last.get(v.version().recordId())).distinct().toList();
    VersionChains.walk(c, "v.record_id, v.version, v.sha256", older, r ->
        found.computeIfAbsent(HEX.formatHex(r.getBytes(1)), k -> new HashMap<>()).put(r.getInt(2), r.getBytes(3)));
    return found;
  }
}
