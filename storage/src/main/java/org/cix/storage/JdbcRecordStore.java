package org.cix.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.SealedBatch;
import org.cix.core.store.CurrentVersion;
import org.cix.core.store.Quarantined;
import org.cix.core.store.RecordStore;
import org.cix.core.store.Standby;
import org.cix.core.store.StoreCounts;
import org.cix.core.store.StoredVersion;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealProof;

/**
 * {@link RecordStore} on JDBC: sealed batches appended to the change log (one transaction each,
 * made durable before it returns), current versions by record, subject and representative,
 * histories and quarantine.
 */
public final class JdbcRecordStore implements RecordStore {
  private static final HexFormat HEX = HexFormat.of();
  /** What a {@link StoredVersion} is read from, in {@code record_version v}. */
  private static final String STORED_COLUMNS = "v.seq, v.body, v.sha256, v.seal_id, v.leaf_index, v.proof, "
      + "v.received_at, v.via_node, v.hops";
  /** The current versions' {@link #STORED_COLUMNS}, joined from their pointers ({@code c}). */
  private static final String CURRENT_STORED = STORED_COLUMNS
      + " FROM record_current c JOIN record_version v ON v.seq = c.seq";

  private final Database database;
  private final ChangeLog log;

  JdbcRecordStore(Database database, ChangeLog log) {
    this.database = database;
    this.log = log;
  }

  @Override
  public Map<String, CurrentVersion> current(Collection<String> recordIds) {
    Map<String, CurrentVersion> found = new HashMap<>();
    try (Connection c = database.dataSource().getConnection()) {
      Queries.inChunks(c, "SELECT c.record_id, c.version, c.sha256, c.content_sha256, v.origin_node "
          + "FROM record_current c JOIN record_version v ON v.seq = c.seq WHERE c.record_id IN",
          new ArrayList<>(recordIds), r -> {
            String id = HEX.formatHex(r.getBytes(1));
            found.put(id, new CurrentVersion(id, r.getInt(2), r.getBytes(3), r.getBytes(4), r.getString(5)));
          });
    } catch (SQLException e) {
      throw Transactions.failure("read current versions", e);
    }
    return found;
  }

  @Override
  public long append(SealedBatch batch, long receivedAtMillis) {
    List<VersionRows.Row> rows = new ArrayList<>(batch.versions().size());
    for (int i = 0; i < batch.versions().size(); i++) {
      rows.add(new VersionRows.Row(batch.versions().get(i), batch.proofs().get(i), null, null, "", null));
    }
    return log.write(seq -> {
      Transactions.durably(database, "store a sealed batch of " + rows.size() + " versions", c -> {
        SealRows.insert(c, database.engine(), batch.seal(), false);
        VersionRows.insert(c, database, seq, rows, receivedAtMillis, null, null);
      });
      return new ChangeLog.Written<>(rows.size(), seq + rows.size() - 1);
    });
  }

  @Override
  public List<StoredVersion> currentOfSubject(String subjectId) {
    return versions("SELECT " + CURRENT_STORED + " WHERE c.subject_id = ? ORDER BY v.seq",
        s -> s.setString(1, subjectId));
  }

  @Override
  public List<StoredVersion> currentRepresentedBy(String personId) {
    return versions("SELECT " + CURRENT_STORED + " WHERE c.represented_by = ? ORDER BY v.seq",
        s -> s.setString(1, personId));
  }

  @Override
  public List<SubjectName> subjectsNamed(String part, int limit) {
    String pattern = "%" + part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return Queries.list(database, "SELECT subject_id, MAX(subject_name) FROM record_current "
        + "WHERE subject_name LIKE ? ESCAPE '\\' GROUP BY subject_id ORDER BY subject_id LIMIT ?", s -> {
          s.setString(1, pattern);
          s.setInt(2, limit);
        }, r -> new SubjectName(r.getString(1), r.getString(2)), "search subjects by name");
  }

  @Override
  public Map<String, String> currentNamesOf(String subjectId) {
    Map<String, String> names = new LinkedHashMap<>();
    Queries.list(database, "SELECT record_id, subject_name FROM record_current WHERE subject_id = ? "
        + "AND subject_name IS NOT NULL ORDER BY seq", s -> s.setString(1, subjectId),
        r -> names.put(HEX.formatHex(r.getBytes(1)), r.getString(2)), "read the names a subject's records give it");
    return names;
  }

  @Override
  public List<StoredVersion> history(String recordId) {
    return Queries.read(database, "read a record's history", c -> {
      List<StoredVersion> found = new ArrayList<>();
      VersionChains.walk(c, STORED_COLUMNS, VersionChains.last(c, List.of(recordId)).values(),
          r -> found.add(stored(r)));
      found.sort(Comparator.comparingInt(v -> v.version().version()));
      return found;
    });
  }

  @Override
  public Optional<Seal> seal(String sealId) {
    return SealRows.read(database, sealId);
  }

  @Override
  public void quarantine(List<Quarantined> items) {
    if (items.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    Transactions.durably(database, "quarantine " + items.size() + " items", c -> SetAside.quarantine(c, items, now));
  }

  /** Records and versions from the tallies kept as they are stored ({@link OriginTally}), not by a scan. */
  @Override
  public StoreCounts counts() {
    try (Connection c = database.dataSource().getConnection()) {
      return new StoreCounts(OriginTally.records(c), OriginTally.versions(c),
          Queries.count(c, "SELECT COUNT(*) FROM seal"),
          Queries.count(c, "SELECT COUNT(*) FROM quarantine"),
          Queries.count(c, "SELECT COALESCE(MAX(seq), 0) FROM record_version"));
    } catch (SQLException e) {
      throw Transactions.failure("count the store", e);
    }
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

  /** The database this store is on. */
  public Database database() {
    return database;
  }

  @Override
  public void close() {
    database.close();
  }

  private List<StoredVersion> versions(String sql, Queries.Binder binder) {
    return Queries.list(database, sql, binder, JdbcRecordStore::stored, "read record versions");
  }

  /** A version read as {@link #STORED_COLUMNS}. */
  private static StoredVersion stored(ResultSet r) throws SQLException {
    RecordVersion version = RecordVersion.fromBytes(r.getBytes(2), r.getBytes(3));
    SealProof proof = ProofPaths.decode(HEX.formatHex(r.getBytes(4)), r.getInt(5), r.getBytes(6));
    String via = r.getString(8);
    HopsColumn.Hops hops = HopsColumn.decode(r.getString(9));
    return new StoredVersion(r.getLong(1), version, proof, r.getLong(7), via == null
        ? StoredVersion.Provenance.LOCAL : new StoredVersion.Provenance(via, hops.nodes(), hops.times()));
  }
}
