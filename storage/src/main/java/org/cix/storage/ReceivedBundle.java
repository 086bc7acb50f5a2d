package org.cix.storage;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.cix.core.sync.HeldVersions;
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
  private HeldVersions.Sorted sorted = new HeldVersions.Sorted(List.of(), 0, List.of(), List.of());

  ReceivedBundle(Database database, Reception reception) {
    this.database = database;
    this.reception = reception;
  }

  /** What the last {@link #store} did. */
  ReceptionOutcome outcome() {
    return new ReceptionOutcome(sorted.fresh().size(), sorted.duplicates(), sorted.conflicts().size());
  }

  /** Stores the bundle's new versions from change-log number {@code seq} on. */
  void store(Connection c, long seq) throws SQLException {
    Map<String, Integer> current = new HashMap<>();
    Map<String, Long> last = new HashMap<>();
    sorted = held(c, reception.versions(), current, last).sort(reception.versions());
    List<VersionRows.Row> rows = new ArrayList<>(sorted.fresh().size());
    for (ReceivedVersion fresh : sorted.fresh()) {
      rows.add(new VersionRows.Row(fresh.version(), fresh.proof(), reception.peerNode(), reception.lastSeq(),
          HopsColumn.encode(fresh.hops(), fresh.hopTimes()),
          HopProofs.newBuilder().addAllProofs(fresh.hopProofs()).build().toByteArray()));
    }
    for (Seal seal : reception.seals()) {
      SealRows.insert(c, database.engine(), seal, true);
    }
    for (List<X509Certificate> chain : reception.origins()) {
      SealRows.mergeOriginChain(c, database.engine(), chain);
    }
    VersionRows.insert(c, database, seq, rows, reception.receivedAtMillis(), current, last);
    SetAside.conflicts(c, reception.peerNode(), reception.receivedAtMillis(), sorted.conflicts(),
        sorted.heldHashes());
    SetAside.quarantine(c, reception.refused(), reception.receivedAtMillis());
    try (PreparedStatement s = c.prepareStatement(
        Upserts.sql(database.engine(), "link_cursor", List.of("peer_node", "received"), false))) {
      s.setString(1, reception.peerNode());
      s.setLong(2, reception.lastSeq());
      s.executeUpdate();
    }
    if (reception.ledger().items() > 0) {
      LedgerRows.insert(c, reception.ledger().with(outcome()));
    }
  }

  /**
   * The held versions that {@code incoming} could collide with; fills {@code current} with the
   * current version of each record held and {@code last} with the last one stored
   * ({@link VersionChains}). Found by primary key in {@code record_current}; only records that
   * already have a version at or above an incoming one (a duplicate or a conflict, rare) have
   * their other versions read, along their chains.
   */
  private static HeldVersions held(Connection c, List<ReceivedVersion> incoming, Map<String, Integer> current,
      Map<String, Long> last) throws SQLException {
    List<String> ids = incoming.stream().map(v -> v.version().recordId()).distinct().toList();
    HeldVersions held = new HeldVersions();
    Queries.inChunks(c, "SELECT c.record_id, c.version, c.sha256, v.origin_node, " + VersionChains.LAST
        + " FROM record_current c "
        + "JOIN record_version v ON v.seq = c.seq WHERE c.record_id IN", ids, r -> {
      String id = HEX.formatHex(r.getBytes(1));
      current.put(id, r.getInt(2));
      last.put(id, r.getLong(5));
      held.current(id, r.getInt(2), r.getBytes(3), r.getString(4));
    });
    List<Long> older = incoming.stream().filter(v -> held.needsOlder(v.version()))
        .map(v -> last.get(v.version().recordId())).distinct().toList();
    VersionChains.walk(c, "v.record_id, v.version, v.sha256", older, r ->
        held.held(HEX.formatHex(r.getBytes(1)), r.getInt(2), r.getBytes(3)));
    return held;
  }
}
