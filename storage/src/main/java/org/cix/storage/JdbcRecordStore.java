package org.cix.storage;

import com.google.protobuf.ByteString;
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
import org.cix.core.error.CixException;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.SealedBatch;
import org.cix.core.store.CurrentVersion;
import org.cix.core.store.Quarantined;
import org.cix.core.store.RecordStore;
import org.cix.core.store.StoreCounts;
import org.cix.core.store.StoredVersion;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealProof;

/**
 * {@link RecordStore} on JDBC. One writer at a time (appends are serialised here); each append
 * is one transaction, made durable ({@code CHECKPOINT SYNC}) before it returns.
 */
public final class JdbcRecordStore implements RecordStore {
  private static final int HASH = 32;
  private static final int IN_CHUNK = 500;
  private static final HexFormat HEX = HexFormat.of();

  private final Database database;
  private long nextSeq;

  public JdbcRecordStore(Database database) {
    this.database = database;
    this.nextSeq = queryLong("SELECT COALESCE(MAX(seq), 0) FROM record_version") + 1;
  }

  @Override
  public Map<String, CurrentVersion> current(Collection<String> recordIds) {
    Map<String, CurrentVersion> found = new HashMap<>();
    List<String> ids = new ArrayList<>(recordIds);
    try (Connection c = database.dataSource().getConnection()) {
      for (int from = 0; from < ids.size(); from += IN_CHUNK) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
        String sql = "SELECT record_id, version, sha256, content_sha256 FROM record_current WHERE record_id IN ("
            + "?,".repeat(chunk.size() - 1) + "?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
          for (int i = 0; i < chunk.size(); i++) {
            s.setBytes(i + 1, HEX.parseHex(chunk.get(i)));
          }
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              String id = HEX.formatHex(r.getBytes(1));
              found.put(id, new CurrentVersion(id, r.getInt(2), r.getBytes(3), r.getBytes(4)));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw failure("read current versions", e);
    }
    return found;
  }

  @Override
  public synchronized long append(SealedBatch batch, long receivedAtMillis) {
    long seq = nextSeq;
    byte[] sealId = HEX.parseHex(batch.sealId());
    durably("store a sealed batch of " + batch.versions().size() + " versions", c -> {
        try (PreparedStatement s = c.prepareStatement(
            "INSERT INTO seal (seal_id, origin_node, leaf_count, header, signature) VALUES (?, ?, ?, ?, ?)")) {
          s.setBytes(1, sealId);
          s.setString(2, batch.header().getOriginNode());
          s.setInt(3, batch.header().getLeafCount());
          s.setBytes(4, batch.seal().getHeader().toByteArray());
          s.setBytes(5, batch.seal().getSignature().toByteArray());
          s.executeUpdate();
        }
        try (PreparedStatement versions = c.prepareStatement("INSERT INTO record_version (seq, record_id, version, "
                + "type_id, subject_id, origin_node, sha256, body, seal_id, leaf_index, proof, received_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            PreparedStatement current = c.prepareStatement("INSERT INTO record_current (record_id, seq, version, "
                + "sha256, content_sha256, subject_id) VALUES (?, ?, ?, ?, ?, ?)");
            PreparedStatement update = c.prepareStatement("UPDATE record_current SET seq = ?, version = ?, sha256 = ?, "
                + "content_sha256 = ?, subject_id = ? WHERE record_id = ?")) {
          for (int i = 0; i < batch.versions().size(); i++) {
            RecordVersion version = batch.versions().get(i);
            RecordBody body = version.body();
            SealProof proof = batch.proofs().get(i);
            byte[] recordId = HEX.parseHex(body.getRecordId());
            byte[] sha256 = version.sha256();
            long rowSeq = seq + i;
            versions.setLong(1, rowSeq);
            versions.setBytes(2, recordId);
            versions.setInt(3, body.getVersion());
            versions.setString(4, body.getType());
            versions.setString(5, body.getSubjectId());
            versions.setString(6, body.getOriginNode());
            versions.setBytes(7, sha256);
            versions.setBytes(8, version.bytesUnsafe());
            versions.setBytes(9, sealId);
            versions.setInt(10, proof.getLeafIndex());
            versions.setBytes(11, encodePath(proof));
            versions.setLong(12, receivedAtMillis);
            versions.addBatch();
            if (body.getVersion() == 1) {
              current.setBytes(1, recordId);
              current.setLong(2, rowSeq);
              current.setInt(3, body.getVersion());
              current.setBytes(4, sha256);
              current.setBytes(5, body.getContentSha256().toByteArray());
              current.setString(6, body.getSubjectId());
              current.addBatch();
            } else {
              update.setLong(1, rowSeq);
              update.setInt(2, body.getVersion());
              update.setBytes(3, sha256);
              update.setBytes(4, body.getContentSha256().toByteArray());
              update.setString(5, body.getSubjectId());
              update.setBytes(6, recordId);
              update.addBatch();
            }
          }
          versions.executeBatch();
          current.executeBatch();
          update.executeBatch();
        }
    });
    nextSeq = seq + batch.versions().size();
    return nextSeq - 1;
  }

  @Override
  public List<StoredVersion> currentOfSubject(String subjectId) {
    return versions("SELECT v.seq, v.body, v.sha256, v.seal_id, v.leaf_index, v.proof, v.received_at "
        + "FROM record_current c JOIN record_version v ON v.seq = c.seq WHERE c.subject_id = ? ORDER BY v.seq",
        s -> s.setString(1, subjectId));
  }

  @Override
  public List<StoredVersion> history(String recordId) {
    byte[] id = HEX.parseHex(recordId);
    return versions("SELECT seq, body, sha256, seal_id, leaf_index, proof, received_at FROM record_version "
        + "WHERE record_id = ? ORDER BY version", s -> s.setBytes(1, id));
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
    durably("quarantine " + items.size() + " items", c -> {
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
    });
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
  public void close() {
    database.close();
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private List<StoredVersion> versions(String sql, Binder binder) {
    List<StoredVersion> result = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          RecordVersion version = RecordVersion.fromBytes(r.getBytes(2), r.getBytes(3));
          SealProof proof = decodePath(HEX.formatHex(r.getBytes(4)), r.getInt(5), r.getBytes(6));
          result.add(new StoredVersion(r.getLong(1), version, proof, r.getLong(7)));
        }
      }
    } catch (SQLException e) {
      throw failure("read record versions", e);
    }
    return result;
  }

  private static byte[] encodePath(SealProof proof) {
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

  private interface Work {
    void run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction and forces it to disk before returning: what returned
   * survives kill -9 and power loss; what failed left nothing.
   */
  private void durably(String what, Work work) {
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
      sync(c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Forces committed data to disk. */
  private static void sync(Connection c) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    }
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

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static CixException failure(String what, SQLException e) {
    return new CixException(CixException.Kind.UNAVAILABLE, "cannot " + what + ": " + e.getMessage(), e);
  }
}
