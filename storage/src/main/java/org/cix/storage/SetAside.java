package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.cix.core.quality.QualityIssue;
import org.cix.core.record.RecordVersion;
import org.cix.core.store.Quarantined;
import org.cix.core.sync.ReceivedVersion;

/**
 * What a node keeps aside instead of storing as records: refused items (quarantine) and received
 * versions that contradict the ones held (conflicts), each also an issue in its source
 * department's quality queue, in the transaction that refused it.
 */
final class SetAside {
  private static final HexFormat HEX = HexFormat.of();

  private SetAside() {}

  static void quarantine(Connection c, List<Quarantined> items, long now) throws SQLException {
    if (items.isEmpty()) {
      return;
    }
    List<QualityIssue> issues = new ArrayList<>(items.size());
    for (Quarantined item : items) {
      issues.add(QualityIssue.ofRefused(item, now));
    }
    JdbcQualityStore.insert(c, issues);
    try (PreparedStatement s = c.prepareStatement("INSERT INTO quarantine (at, source, position, reason_code, "
        + "detail, content) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Quarantined item : items) {
        s.setLong(1, now);
        s.setString(2, Queries.truncate(item.source(), 1024));
        s.setString(3, Queries.truncate(item.position(), 64));
        s.setString(4, Queries.truncate(item.reasonCode(), 64));
        s.setString(5, Queries.truncate(item.detail(), 4096));
        s.setBytes(6, item.content());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** {@code heldHashes}: the SHA-256 of the version held, one per conflict. */
  static void conflicts(Connection c, String peerNode, long receivedAtMillis, List<ReceivedVersion> conflicts,
      List<byte[]> heldHashes) throws SQLException {
    if (conflicts.isEmpty()) {
      return;
    }
    List<QualityIssue> issues = new ArrayList<>(conflicts.size());
    for (ReceivedVersion conflict : conflicts) {
      issues.add(QualityIssue.ofConflict(conflict, peerNode, receivedAtMillis));
    }
    JdbcQualityStore.insert(c, issues);
    try (PreparedStatement s = c.prepareStatement("INSERT INTO conflict (at, record_id, version, held_sha256, "
        + "incoming_sha256, via_node, origin_node, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < conflicts.size(); i++) {
        RecordVersion version = conflicts.get(i).version();
        s.setLong(1, receivedAtMillis);
        s.setBytes(2, HEX.parseHex(version.recordId()));
        s.setInt(3, version.version());
        s.setBytes(4, heldHashes.get(i));
        s.setBytes(5, version.sha256());
        s.setString(6, peerNode);
        s.setString(7, version.body().getOriginNode());
        s.setBytes(8, version.bytesUnsafe());
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
