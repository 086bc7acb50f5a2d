package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cix.core.record.RecordVersion;
import org.cix.core.record.Representatives;
import org.cix.core.record.SubjectNames;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.SealProof;

/**
 * Writes record versions and moves the current pointers, in the way each engine is fast at:
 * batched inserts on H2, binary {@code COPY} on PostgreSQL.
 */
final class VersionRows {
  private static final HexFormat HEX = HexFormat.of();
  private static final String VERSION_COLUMNS = "seq, record_id, version, type_id, subject_id, origin_node, sha256, "
      + "body, seal_id, leaf_index, proof, received_at, via_node, via_bundle, hops, hop_proofs";
  private static final String CURRENT_COLUMNS = "record_id, seq, version, sha256, content_sha256, subject_id, "
      + "represented_by, subject_name, last_seq";

  private VersionRows() {}

  /**
   * A version to store, and how it arrived ({@code viaNode} null when ingested here;
   * {@code hopProofs} a serialised HopProofs, null when made here).
   */
  record Row(RecordVersion version, SealProof proof, String viaNode, Long viaBundle, String hops, byte[] hopProofs) {}

  /** A current pointer to write: a record's newest version, at change-log sequence {@code seq}. */
  private record Pointer(Row row, long seq, boolean isNew) {}

  /**
   * Inserts versions from {@code seq} on and moves the current pointers: for versions ingested
   * here ({@code held} null) version 1 is new and later ones follow the current one; for received
   * versions a pointer only moves forward ({@code held} has the current version of each record,
   * {@code last} the last version stored of each, {@link VersionChains#last}). Each version is
   * chained to the one stored before it for its record. The versions and the new records are
   * counted into {@link OriginTally} in the same transaction, and the partitions they fall in are
   * made first where the engine has them.
   */
  static void insert(Connection c, Database database, long seq, List<Row> rows, long receivedAtMillis,
      Map<String, Integer> held, Map<String, Long> last) throws SQLException {
    database.partitions().cover(seq + rows.size() - 1);
    Map<String, Long> stored = last != null ? last : VersionChains.last(c, rows.stream()
        .map(r -> r.version().body()).filter(b -> b.getVersion() > 1).map(RecordBody::getRecordId).distinct().toList());
    Long[] previous = new Long[rows.size()];
    List<Pointer> pointers = new ArrayList<>();
    Set<String> pointed = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      RecordBody body = rows.get(i).version().body();
      previous[i] = stored.put(body.getRecordId(), seq + i);
      if (held == null) {
        pointers.add(new Pointer(rows.get(i), seq + i, body.getVersion() == 1));
        pointed.add(body.getRecordId());
        continue;
      }
      Integer heldVersion = held.get(body.getRecordId());
      if (heldVersion == null || heldVersion < body.getVersion()) {
        pointers.add(new Pointer(rows.get(i), seq + i, heldVersion == null));
        pointed.add(body.getRecordId());
        held.put(body.getRecordId(), body.getVersion());
      }
    }
    List<Pointer> inserts = pointers.stream().filter(Pointer::isNew).toList();
    if (database.engine() == Database.Engine.POSTGRES) {
      copyVersions(c, seq, rows, receivedAtMillis);
      copyCurrent(c, inserts, stored);
    } else {
      batchVersions(c, seq, rows, receivedAtMillis);
      batchCurrent(c, inserts, stored);
    }
    VersionChains.link(c, seq, previous);
    updateCurrent(c, pointers.stream().filter(p -> !p.isNew()).toList(), stored);
    chainLate(c, rows.stream().map(r -> r.version().body().getRecordId()).filter(id -> !pointed.contains(id))
        .distinct().toList(), stored);
    OriginTally.add(c, rows, inserts.size());
  }

  private static void batchVersions(Connection c, long seq, List<Row> rows, long receivedAtMillis)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO record_version (" + VERSION_COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < rows.size(); i++) {
        Row row = rows.get(i);
        RecordBody body = row.version().body();
        s.setLong(1, seq + i);
        s.setBytes(2, HEX.parseHex(body.getRecordId()));
        s.setInt(3, body.getVersion());
        s.setString(4, body.getType());
        s.setString(5, body.getSubjectId());
        s.setString(6, body.getOriginNode());
        s.setBytes(7, row.version().sha256());
        s.setBytes(8, row.version().bytesUnsafe());
        s.setBytes(9, HEX.parseHex(row.proof().getSealId()));
        s.setInt(10, row.proof().getLeafIndex());
        s.setBytes(11, ProofPaths.encode(row.proof()));
        s.setLong(12, receivedAtMillis);
        s.setString(13, row.viaNode());
        setSeq(s, 14, row.viaBundle());
        s.setString(15, row.hops());
        s.setBytes(16, row.hopProofs());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void setSeq(PreparedStatement s, int index, Long value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, value);
    }
  }

  private static void batchCurrent(Connection c, List<Pointer> inserts, Map<String, Long> last) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO record_current (" + CURRENT_COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Pointer p : inserts) {
        RecordBody body = p.row().version().body();
        s.setBytes(1, HEX.parseHex(body.getRecordId()));
        s.setLong(2, p.seq());
        s.setInt(3, body.getVersion());
        s.setBytes(4, p.row().version().sha256());
        s.setBytes(5, body.getContentSha256().toByteArray());
        s.setString(6, body.getSubjectId());
        s.setString(7, Representatives.of(body).orElse(null));
        s.setString(8, SubjectNames.of(body).orElse(null));
        setSeq(s, 9, lastUnlessCurrent(last, body.getRecordId(), p.seq()));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Pointers of records held already, moved to a newer version (in order, so the newest wins). */
  private static void updateCurrent(Connection c, List<Pointer> updates, Map<String, Long> last)
      throws SQLException {
    if (updates.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE record_current SET seq = ?, version = ?, sha256 = ?, "
        + "content_sha256 = ?, subject_id = ?, represented_by = ?, subject_name = ?, last_seq = ? "
        + "WHERE record_id = ?")) {
      for (Pointer p : updates) {
        RecordBody body = p.row().version().body();
        s.setLong(1, p.seq());
        s.setInt(2, body.getVersion());
        s.setBytes(3, p.row().version().sha256());
        s.setBytes(4, body.getContentSha256().toByteArray());
        s.setString(5, body.getSubjectId());
        s.setString(6, Representatives.of(body).orElse(null));
        s.setString(7, SubjectNames.of(body).orElse(null));
        setSeq(s, 8, lastUnlessCurrent(last, body.getRecordId(), p.seq()));
        s.setBytes(9, HEX.parseHex(body.getRecordId()));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** {@code record_current.last_seq}: null where the last version stored is the current one, at {@code seq}. */
  private static Long lastUnlessCurrent(Map<String, Long> last, String recordId, long seq) {
    long stored = last.get(recordId);
    return stored == seq ? null : stored;
  }

  /** Records whose pointer stays (a version received after newer ones): their chain's last version moves. */
  private static void chainLate(Connection c, List<String> recordIds, Map<String, Long> last) throws SQLException {
    if (recordIds.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE record_current SET last_seq = ? WHERE record_id = ?")) {
      for (String id : recordIds) {
        s.setLong(1, last.get(id));
        s.setBytes(2, HEX.parseHex(id));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void copyVersions(Connection c, long seq, List<Row> rows, long receivedAtMillis)
      throws SQLException {
    PgCopy.into(c, "record_version (" + VERSION_COLUMNS + ")", copy -> {
      for (int i = 0; i < rows.size(); i++) {
        Row row = rows.get(i);
        RecordBody body = row.version().body();
        copy.row(16)
            .bigint(seq + i)
            .bytes(HEX.parseHex(body.getRecordId()))
            .integer(body.getVersion())
            .text(body.getType())
            .text(body.getSubjectId())
            .text(body.getOriginNode())
            .bytes(row.version().sha256())
            .bytes(row.version().bytesUnsafe())
            .bytes(HEX.parseHex(row.proof().getSealId()))
            .integer(row.proof().getLeafIndex())
            .bytes(ProofPaths.encode(row.proof()))
            .bigint(receivedAtMillis)
            .text(row.viaNode())
            .bigint(row.viaBundle())
            .text(row.hops())
            .bytes(row.hopProofs());
      }
    });
  }

  private static void copyCurrent(Connection c, List<Pointer> inserts, Map<String, Long> last) throws SQLException {
    if (inserts.isEmpty()) {
      return;
    }
    PgCopy.into(c, "record_current (" + CURRENT_COLUMNS + ")", copy -> {
      for (Pointer p : inserts) {
        RecordBody body = p.row().version().body();
        copy.row(9)
            .bytes(HEX.parseHex(body.getRecordId()))
            .bigint(p.seq())
            .integer(body.getVersion())
            .bytes(p.row().version().sha256())
            .bytes(body.getContentSha256().toByteArray())
            .text(body.getSubjectId())
            .text(Representatives.of(body).orElse(null))
            .text(SubjectNames.of(body).orElse(null))
            .bigint(lastUnlessCurrent(last, body.getRecordId(), p.seq()));
      }
    });
  }
}
