package org.cix.cli.bench;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.cix.core.node.NodeServices;
import org.cix.crypto.pem.PrivateFiles;
import org.cix.storage.Database;

/**
 * The storage layout of issue 22, measured before it is built: the versions cix stored, written
 * again into a fresh H2 file as frames of up to {@code frame} record bodies compressed together
 * with zstd (one row per frame, keyed in append order), one narrow index row per version (record
 * id, version, subject, frame, position, hash; no proof: it can be recomputed from the seal's
 * leaves) and the current-version table as today; each 10,000 versions one transaction synced,
 * as ingest does. Then the price on the read side: single versions read by record id at random,
 * from the layout (index row, frame, decompress) and from cix's store as it is.
 */
public final class LayoutCeiling {
  /** Versions read at random on each side. */
  private static final int READS = 2_000;
  private static final int ZSTD_LEVEL = 3;
  /** Versions indexed per transaction when indexing is apart from the appends. */
  private static final int DEFERRED_BATCH = 100_000;

  /**
   * @param rowsPerSecond versions written per second in the layout
   * @param bytes the layout's database file after the writes
   * @param compactedBytes the same file compacted (H2 keeps pages written in the last 45 s)
   * @param readMicros a version read by record id from the layout, mean (0: no index to read by)
   * @param readMicrosToday the same read from cix's store, mean
   */
  public record Figures(int frame, Tables tables, double rowsPerSecond, long bytes, long compactedBytes,
      double readMicros, double readMicrosToday) {}

  /** Which indexes the layout keeps beside its append-ordered rows: to see what each costs. */
  public enum Tables {
    /** Frames and index rows keyed by change-log position only: nothing random, nothing to read by. */
    APPEND_ONLY("frames + index rows in append order", false, false, false, false),
    /** And a unique (record id, version) index on the index rows: one random-key B-tree. */
    UNIQUE_VERSIONS("+ unique (record id, version)", true, false, false, false),
    /** Instead, the current-version table by record id, through which reads find the index row. */
    CURRENT("+ current versions by record id", false, true, false, false),
    /** The current-version table and its subject index. */
    CURRENT_BY_SUBJECT("+ current versions by record id and subject", false, true, true, false),
    /** Every index of today's store: unique versions, current versions and subjects. */
    ALL("+ unique (record id, version), current versions by record id and subject", true, true, true, false),
    /**
     * The current versions by record id and subject written apart from the appends, 100,000 at a
     * time: they derive from the index rows, so a crash loses none (they are rebuilt from the rows
     * after the last batch indexed), and reads look in the rows not yet indexed too.
     */
    DEFERRED("+ current versions by record id and subject, indexed apart 100,000 at a time", false, true, true, false),
    /**
     * The current versions and subjects keyed by 64-bit integers (the record id's first 8 bytes, a
     * hash of the subject id) instead of 16-byte and text keys; reads check the full id.
     */
    LONG_KEYS("+ current versions by record id and subject, 64-bit integer keys", false, true, true, true);

    private final String label;
    private final boolean uniqueVersions;
    private final boolean current;
    private final boolean bySubject;
    private final boolean longKeys;

    Tables(String label, boolean uniqueVersions, boolean current, boolean bySubject, boolean longKeys) {
      this.label = label;
      this.uniqueVersions = uniqueVersions;
      this.current = current;
      this.bySubject = bySubject;
      this.longKeys = longKeys;
    }

    public String label() {
      return label;
    }
  }

  private LayoutCeiling() {}

  static Figures measure(Path data, Optional<String> key, Path target, int frame, Tables tables) throws Exception {
    List<byte[]> sample = new ArrayList<>();
    double rate;
    // the copy holds the records' bodies: owner-only, as every store cix makes
    PrivateFiles.createDirectory(target);
    String url = "jdbc:h2:file:" + target.toAbsolutePath().resolve("layout") + ";FILE_LOCK=FILE";
    try (Database source = Database.openH2(data, key);
        Connection from = source.dataSource().getConnection();
        Connection to = DriverManager.getConnection(url, "cix", "");
        Connection indexer = DriverManager.getConnection(url, "cix", "")) {
      create(to, tables);
      rate = copy(from, to, tables == Tables.DEFERRED ? indexer : to, frame, tables, sample);
      Collections.shuffle(sample, new Random(7));
      List<byte[]> reads = sample.subList(0, Math.min(READS, sample.size()));
      double layout = readLayout(to, tables, reads);
      double today = readToday(from, reads);
      long bytes = IngestBenchmark.size(target);
      try (Statement s = to.createStatement()) {
        s.execute("SHUTDOWN COMPACT");
      }
      PrivateFiles.restrictFilesIn(target);
      return new Figures(frame, tables, rate, bytes, IngestBenchmark.size(target), layout, today);
    }
  }

  /** The layout's tables; the current-version table stays empty unless the whole layout is written. */
  private static void create(Connection c, Tables tables) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE lay_frame (frame_id BIGINT PRIMARY KEY, seal_id BINARY(16) NOT NULL, "
          + "bodies VARBINARY NOT NULL)");
      s.execute("CREATE TABLE lay_version (seq BIGINT PRIMARY KEY, record_id BINARY(16) NOT NULL, "
          + "version INT NOT NULL, subject_id VARCHAR(18) NOT NULL, frame_id BIGINT NOT NULL, position INT NOT NULL, "
          + "sha256 BINARY(32) NOT NULL, received_at BIGINT NOT NULL)");
      s.execute("CREATE TABLE lay_current (id_key BIGINT NOT NULL" + (tables.longKeys ? " PRIMARY KEY" : "")
          + ", record_id BINARY(16) NOT NULL" + (tables.longKeys ? "" : " PRIMARY KEY") + ", seq BIGINT NOT NULL, "
          + "version INT NOT NULL, sha256 BINARY(32) NOT NULL, content_sha256 BINARY(32) NOT NULL, "
          + "subject_id VARCHAR(18) NOT NULL, subject_key BIGINT NOT NULL)");
      if (tables.uniqueVersions) {
        s.execute("CREATE UNIQUE INDEX lay_version_id ON lay_version (record_id, version)");
      }
      if (tables.bySubject) {
        s.execute("CREATE INDEX lay_current_subject ON lay_current ("
            + (tables.longKeys ? "subject_key" : "subject_id") + ")");
      }
    }
  }

  /** Writes every stored version in the layout; returns versions per second. */
  private static double copy(Connection from, Connection to, Connection indexer, int frame, Tables tables,
      List<byte[]> sample) throws Exception {
    long copied = 0;
    long frameId = 0;
    to.setAutoCommit(false);
    indexer.setAutoCommit(false);
    try (Statement s = from.createStatement();
        ResultSet rows = s.executeQuery("SELECT v.seq, v.record_id, v.version, v.subject_id, v.sha256, v.body, "
            + "v.seal_id, v.received_at, c.content_sha256 FROM record_version v "
            + "JOIN record_current c ON c.record_id = v.record_id ORDER BY v.seq");
        PreparedStatement frames = to.prepareStatement("INSERT INTO lay_frame VALUES (?, ?, ?)");
        PreparedStatement versions = to.prepareStatement("INSERT INTO lay_version VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement current = indexer.prepareStatement("INSERT INTO lay_current (record_id, seq, version, "
            + "sha256, content_sha256, subject_id, id_key, subject_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        Statement sync = to.createStatement()) {
      // the clock runs from the first row, and not while the source store is read
      long started = System.nanoTime();
      SourceClock source = new SourceClock(rows);
      Frame open = new Frame();
      byte[] openSeal = null;
      while (source.next()) {
        byte[] seal = rows.getBytes(7);
        if (open.count() == frame || (open.count() > 0 && !Arrays.equals(seal, openSeal))) {
          open.write(frames, frameId++, openSeal);
          open = new Frame();
        }
        openSeal = seal;
        byte[] recordId = rows.getBytes(2);
        versions.setLong(1, rows.getLong(1));
        versions.setBytes(2, recordId);
        versions.setInt(3, rows.getInt(3));
        versions.setString(4, rows.getString(4));
        versions.setLong(5, frameId);
        versions.setInt(6, open.add(rows.getBytes(6)));
        versions.setBytes(7, rows.getBytes(5));
        versions.setLong(8, rows.getLong(8));
        versions.addBatch();
        current.setBytes(1, recordId);
        current.setLong(2, rows.getLong(1));
        current.setInt(3, rows.getInt(3));
        current.setBytes(4, rows.getBytes(5));
        current.setBytes(5, rows.getBytes(9));
        current.setString(6, rows.getString(4));
        current.setLong(7, ByteBuffer.wrap(recordId).getLong());
        current.setLong(8, key(rows.getString(4)));
        if (tables.current) {
          current.addBatch();
        }
        if (copied % 97 == 0) {
          sample.add(recordId);
        }
        if (++copied % NodeServices.INGEST_BATCH.rows() == 0) {
          if (open.count() > 0) {
            open.write(frames, frameId++, openSeal);
            open = new Frame();
          }
          commit(to, frames, versions, indexer == to ? current : null, sync);
        }
        if (indexer != to && copied % DEFERRED_BATCH == 0) {
          current.executeBatch();
          indexer.commit();
        }
      }
      if (open.count() > 0) {
        open.write(frames, frameId, openSeal);
      }
      commit(to, frames, versions, indexer == to ? current : null, sync);
      if (indexer != to) {
        current.executeBatch();
        indexer.commit();
      }
      return copied / ((System.nanoTime() - started - source.nanos) / 1e9);
    }
  }

  /** One batch of appends, durable: frames, index rows and ({@code current} when given) current versions. */
  private static void commit(Connection to, PreparedStatement frames, PreparedStatement versions,
      PreparedStatement current, Statement sync) throws SQLException {
    frames.executeBatch();
    versions.executeBatch();
    if (current != null) {
      current.executeBatch();
    }
    to.commit();
    sync.execute("CHECKPOINT SYNC");
  }

  /** Mean microseconds to read one version's body by record id from the layout. */
  private static double readLayout(Connection c, Tables tables, List<byte[]> ids) throws Exception {
    if (!tables.current && !tables.uniqueVersions) {
      return 0;
    }
    String find = tables.current
        ? "FROM lay_current c JOIN lay_version v ON v.seq = c.seq JOIN lay_frame f ON f.frame_id = v.frame_id "
            + (tables.longKeys ? "WHERE c.id_key = ? AND c.record_id = ?" : "WHERE c.record_id = ?")
        : "FROM lay_version v JOIN lay_frame f ON f.frame_id = v.frame_id WHERE v.record_id = ? "
            + "ORDER BY v.version DESC LIMIT 1";
    long started = System.nanoTime();
    long bytes = 0;
    try (PreparedStatement read = c.prepareStatement("SELECT v.position, f.bodies " + find)) {
      for (byte[] id : ids) {
        if (tables.longKeys) {
          read.setLong(1, ByteBuffer.wrap(id).getLong());
          read.setBytes(2, id);
        } else {
          read.setBytes(1, id);
        }
        try (ResultSet r = read.executeQuery()) {
          r.next();
          bytes += Frame.body(r.getBytes(2), r.getInt(1)).length;
        }
      }
    }
    return micros(started, ids.size(), bytes);
  }

  /** The same read from cix's store as it is. */
  private static double readToday(Connection c, List<byte[]> ids) throws SQLException {
    long started = System.nanoTime();
    long bytes = 0;
    try (PreparedStatement read = c.prepareStatement(
        "SELECT v.body FROM record_current c JOIN record_version v ON v.seq = c.seq WHERE c.record_id = ?")) {
      for (byte[] id : ids) {
        read.setBytes(1, id);
        try (ResultSet r = read.executeQuery()) {
          r.next();
          bytes += r.getBytes(1).length;
        }
      }
    }
    return micros(started, ids.size(), bytes);
  }

  private static double micros(long started, int reads, long bytes) {
    if (bytes == 0 && reads > 0) {
      throw new IllegalStateException("no body read");
    }
    return (System.nanoTime() - started) / 1e3 / Math.max(1, reads);
  }

  /** A 64-bit hash of a subject id, for the integer-keyed subject index. */
  private static long key(String subjectId) {
    long h = 1125899906842597L;
    for (int i = 0; i < subjectId.length(); i++) {
      h = 31 * h + subjectId.charAt(i);
    }
    return h;
  }

  /** Times the reading of the source rows, to leave it out of the rate. */
  static final class SourceClock {
    private final ResultSet rows;
    long nanos;

    SourceClock(ResultSet rows) {
      this.rows = rows;
    }

    boolean next() throws SQLException {
      long started = System.nanoTime();
      boolean more = rows.next();
      nanos += System.nanoTime() - started;
      return more;
    }
  }

  /** Record bodies written together: each as its length and its bytes, the whole compressed once. */
  private static final class Frame {
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream(1 << 16);
    private final DataOutputStream out = new DataOutputStream(raw);
    private int count;

    int count() {
      return count;
    }

    /** Appends {@code body}; returns its position in the frame. */
    int add(byte[] body) throws IOException {
      out.writeInt(body.length);
      out.write(body);
      return count++;
    }

    void write(PreparedStatement frames, long id, byte[] seal) throws SQLException {
      frames.setLong(1, id);
      frames.setBytes(2, seal);
      frames.setBytes(3, Zstd.compress(raw.toByteArray(), ZSTD_LEVEL));
      frames.addBatch();
    }

    static byte[] body(byte[] compressed, int position) throws IOException {
      byte[] bytes = Zstd.decompress(compressed, (int) Zstd.getFrameContentSize(compressed));
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      for (int i = 0; i < position; i++) {
        in.skipNBytes(in.readInt());
      }
      return in.readNBytes(in.readInt());
    }
  }
}
