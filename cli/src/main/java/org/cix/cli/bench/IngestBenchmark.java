package org.cix.cli.bench;

import org.cix.core.discipline.Measures;
import org.cix.core.discipline.MeasuresLoader;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.ingest.IngestJob;
import org.cix.core.ingest.IngestProgress;
import org.cix.core.ingest.Mapping;
import org.cix.core.ingest.MappingLoader;
import org.cix.core.ingest.RowProblem;
import org.cix.core.ingest.RowSource;
import org.cix.core.ingest.SourceRow;
import org.cix.core.node.NodeServices;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.core.synthetic.SyntheticDepartments;
import org.cix.crypto.pem.StagedDirectory;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.storage.Database;
import org.cix.storage.JdbcStores;
import org.cix.storage.LocalPostgres;
import org.cix.storage.StorageKey;

/**
 * End-to-end ingest of a generated penalty export into a fresh H2 store (parse, validate, hash,
 * seal, store), and in the same run the ceiling: the same rows as plain batched JDBC inserts into
 * an empty H2 table.
 */
public final class IngestBenchmark {
  private final Path dir;
  private final int rows;
  private final boolean postgres;
  private final boolean encrypted;
  private final List<Integer> frames;
  private final PrintWriter out;
  private long partitionVersions = Database.DEFAULT_PARTITION_VERSIONS;

  /**
   * @param postgres also ingest the same file into PostgreSQL (a local server started for the run)
   * @param encrypted the cix store encrypted at rest, as nodes made by {@code cix node init} are
   * @param frames the frame sizes (record bodies compressed together) of issue 22's layout to measure
   */
  public IngestBenchmark(Path dir, int rows, boolean postgres, boolean encrypted, List<Integer> frames,
      PrintWriter out) {
    this.dir = dir;
    this.rows = rows;
    this.postgres = postgres;
    this.encrypted = encrypted;
    this.frames = List.copyOf(frames);
    this.out = out;
  }

  /**
   * Figures of one run; {@code postgresRecordsPerSecond} and {@code postgresDatabaseBytes} are 0
   * unless PostgreSQL was asked for.
   */
  public record Result(double recordsPerSecond, double ceilingPerSecond, double storeCeilingPerSecond,
      long peakHeapBytes, long csvBytes, long databaseBytes, long compactedBytes, long ceilingDatabaseBytes,
      IngestProgress progress,
      double postgresRecordsPerSecond, long postgresDatabaseBytes, List<LayoutCeiling.Figures> layouts) {}

  /** How wide the PostgreSQL store's partitions of the record versions are. */
  public IngestBenchmark partitionVersions(long versions) {
    this.partitionVersions = versions;
    return this;
  }

  public Result run() throws Exception {
    Path csv = dir.resolve("penalties.csv");
    out.printf("generating %,d rows ...%n", rows);
    out.flush();
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(csv))) {
      new PenaltyExports(7, "110105", 0.01).write(file, StandardCharsets.UTF_8, rows);
    }
    long csvBytes = Files.size(csv);
    Clock clock = Clock.systemUTC();
    CertificateAuthority root = CertificateAuthority.createRoot("bench root", Duration.ofDays(2), clock);
    StagedDirectory.create(dir.resolve("root"), root::writeTo);
    NodeKeyMaterial keys = NodeKeyMaterial.enrol(root, "bench", "110105", false, Duration.ofDays(1),
        dir.resolve("node"), clock, staging -> {});
    Catalog catalog = CatalogLoader.load(CatalogSource.standard());
    Measures measures = MeasuresLoader.load(MeasuresLoader.standard(), catalog);
    Mapping mapping = MappingLoader.parse(PenaltyExports.mapping(StandardCharsets.UTF_8), "bench", catalog);

    System.gc();
    out.printf("ingesting %s (%,d bytes) ...%n", csv.getFileName(), csvBytes);
    out.flush();
    Path data = dir.resolve("data");
    CpuAccount cpu = CpuAccount.now();
    long started = System.nanoTime();
    IngestProgress progress;
    double seconds;
    Optional<String> key = encrypted ? Optional.of(StorageKey.generate()) : Optional.empty();
    JdbcStores jdbc = new JdbcStores(Database.openH2(data, key));
    TimedRecordStore store = new TimedRecordStore(jdbc.records());
    try (store;
        InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16);
        RowSource source = RowSource.open(in, mapping, "penalties.csv")) {
      NodeServices services = NodeServices.assemble(catalog, measures, keys, jdbc.node().withRecords(store),
          PilotAllowlist.empty(), clock);
      SyntheticDepartments.register(services, "110105", SyntheticDepartments.Kind.MARKET_REGULATION);
      progress = services.ingest().run(mapping, source, "penalties.csv", new Progress(out, rows, started));
      seconds = (System.nanoTime() - started) / 1e9;
      out.printf("time: %.1f s in all; in the store: %.1f s appending, %.1f s looking up, %.1f s quarantining%n",
          seconds, store.appendNanos / 1e9, store.lookupNanos / 1e9, store.quarantineNanos / 1e9);
      cpu.print("the ingest into H2 (units: rows read)", rows, out);
      out.printf("then the node's change-log followers read the versions in %.1f s (not in the rate: a running "
          + "node reads them in the background as batches land)%n", BenchNodes.follow(services));
    }
    long peakHeap = HeapSampler.peak;
    long databaseBytes = size(data);

    out.printf("store ceiling: the stored rows copied into a fresh store with plain JDBC ...%n");
    out.flush();
    double storeCeiling = storeCeiling(data, key, dir.resolve("copy"));
    List<LayoutCeiling.Figures> layouts = new ArrayList<>();
    for (int frame : frames) {
      // what each part of the layout costs, at the first frame size; the whole layout at the others
      for (LayoutCeiling.Tables tables : frame == frames.get(0) ? List.of(LayoutCeiling.Tables.values())
          : List.of(LayoutCeiling.Tables.ALL)) {
        out.printf("layout ceiling: the stored rows in issue 22's layout, %d bodies a zstd frame, %s ...%n", frame,
            tables.label());
        out.flush();
        layouts.add(LayoutCeiling.measure(data, key, dir.resolve("layout-" + frame + "-" + tables), frame, tables));
      }
    }
    out.println("the store compacted, as `cix node compact` does a stopped node's ...");
    out.flush();
    Database stopped = Database.openH2(data, key);
    stopped.compactAndClose();
    long compactedBytes = size(data);
    out.printf("ceiling: %,d plain batched JDBC inserts of the same CSV lines ...%n", rows);
    out.flush();
    Path raw = dir.resolve("raw");
    double ceilingSeconds = ceiling(csv, raw);
    double postgresRate = 0;
    long postgresBytes = 0;
    if (postgres) {
      try (LocalPostgres server = LocalPostgres.start()) {
        out.printf("the same file into PostgreSQL (a local server, default settings) ...%n");
        out.flush();
        Database database = Database.openPostgres(server.createDatabase("cix_bench"), LocalPostgres.USER, "",
            partitionVersions);
        CpuAccount pgCpu = CpuAccount.now();
        long pgStarted = System.nanoTime();
        try (JdbcStores pg = new JdbcStores(database);
            InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16);
            RowSource source = RowSource.open(in, mapping, "penalties.csv")) {
          NodeServices services = NodeServices.assemble(catalog, measures, keys, pg.node(),
              PilotAllowlist.empty(), clock);
          SyntheticDepartments.register(services, "110105", SyntheticDepartments.Kind.MARKET_REGULATION);
          IngestProgress done = services.ingest().run(mapping, source, "penalties.csv",
              new Progress(out, rows, pgStarted));
          postgresRate = done.rows() / ((System.nanoTime() - pgStarted) / 1e9);
          pgCpu.print("the ingest into PostgreSQL (units: rows read)", done.rows(), out);
          postgresBytes = database.sizeOnDisk(dir);
        }
      }
    }
    return new Result(progress.rows() / seconds, rows / ceilingSeconds, storeCeiling, peakHeap, csvBytes,
        databaseBytes, compactedBytes, size(raw), progress, postgresRate, postgresBytes, layouts);
  }

  /**
   * H2's own limit for cix's rows: every stored version (same schema, same bytes, same batches: one
   * transaction per seal, each synced) inserted into a fresh store with plain JDBC, no cix code in
   * between; the time reading them from cix's store is left out.
   */
  private static double storeCeiling(Path data, Optional<String> key, Path copy) throws Exception {
    String columns = "seq, record_id, version, type_id, subject_id, origin_node, sha256, body, seal_id, leaf_index, "
        + "proof, received_at";
    try (Database source = Database.openH2(data, key);
        Database target = Database.openH2(copy, key);
        Connection from = source.dataSource().getConnection();
        Connection to = target.dataSource().getConnection()) {
      try (Statement s = from.createStatement(); Statement t = to.createStatement();
          ResultSet seals = s.executeQuery(
              "SELECT seal_id, origin_node, leaf_count, header, signature, sealed_at FROM seal")) {
        try (PreparedStatement insert = to.prepareStatement("INSERT INTO seal (seal_id, origin_node, leaf_count, "
            + "header, signature, sealed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
          while (seals.next()) {
            for (int i = 1; i <= 6; i++) {
              insert.setObject(i, seals.getObject(i));
            }
            insert.executeUpdate();
          }
        }
      }
      long copied = 0;
      to.setAutoCommit(false);
      try (Statement s = from.createStatement();
          ResultSet rows = s.executeQuery("SELECT v." + columns.replace(", ", ", v.") + ", c.content_sha256 "
              + "FROM record_version v JOIN record_current c ON c.record_id = v.record_id ORDER BY v.seq");
          PreparedStatement versions = to.prepareStatement("INSERT INTO record_version (" + columns
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement current = to.prepareStatement("INSERT INTO record_current (record_id, seq, version, "
              + "sha256, content_sha256, subject_id) VALUES (?, ?, ?, ?, ?, ?)");
          Statement sync = to.createStatement()) {
        long started = System.nanoTime();
        LayoutCeiling.SourceClock reading = new LayoutCeiling.SourceClock(rows);
        byte[] batch = null;
        while (reading.next()) {
          byte[] seal = rows.getBytes(9);
          if (batch != null && !Arrays.equals(batch, seal)) {
            commitSynced(to, sync, versions, current);
          }
          batch = seal;
          copied++;
          for (int i = 1; i <= 12; i++) {
            versions.setObject(i, rows.getObject(i));
          }
          versions.addBatch();
          current.setBytes(1, rows.getBytes(2));
          current.setLong(2, rows.getLong(1));
          current.setInt(3, rows.getInt(3));
          current.setBytes(4, rows.getBytes(7));
          current.setBytes(5, rows.getBytes(13));
          current.setString(6, rows.getString(5));
          current.addBatch();
        }
        commitSynced(to, sync, versions, current);
        return copied / ((System.nanoTime() - started - reading.nanos) / 1e9);
      }
    }
  }

  /** Runs the batched statements, commits and syncs the file, as cix does with each batch. */
  private static void commitSynced(Connection to, Statement sync, PreparedStatement... batches) throws SQLException {
    for (PreparedStatement batch : batches) {
      batch.executeBatch();
    }
    to.commit();
    sync.execute("CHECKPOINT SYNC");
  }

  /** Plain inserts of each CSV line's bytes with a sequential key, 2,000 a transaction. */
  private double ceiling(Path csv, Path raw) throws Exception {
    long started = System.nanoTime();
    try (Database database = Database.openH2(raw);
        Connection c = database.dataSource().getConnection();
        Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE raw_rows (id BIGINT PRIMARY KEY, body VARBINARY NOT NULL)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO raw_rows VALUES (?, ?)")) {
        long id = 0;
        for (String line : (Iterable<String>) lines.skip(1)::iterator) {
          insert.setLong(1, ++id);
          insert.setBytes(2, line.getBytes(StandardCharsets.UTF_8));
          insert.addBatch();
          if (id % NodeServices.INGEST_BATCH.rows() == 0) {
            insert.executeBatch();
            c.commit();
          }
        }
        insert.executeBatch();
        c.commit();
      }
    }
    return (System.nanoTime() - started) / 1e9;
  }

  /** Prints ingest progress every five seconds. */
  static final class Progress implements IngestJob.Listener {
    private final PrintWriter out;
    private final int total;
    private final long started;
    private long lastPrinted;

    Progress(PrintWriter out, int total, long started) {
      this.out = out;
      this.total = total;
      this.started = started;
      this.lastPrinted = started;
    }

    @Override
    public void rejected(SourceRow row, List<RowProblem> problems) {}

    @Override
    public void progress(IngestProgress p) {
      HeapSampler.sample();
      long now = System.nanoTime();
      if (now - lastPrinted > 5_000_000_000L || p.done()) {
        lastPrinted = now;
        out.printf("  %,d of %,d rows, %,.0f rows/s%n", p.rows(), total, p.rows() / ((now - started) / 1e9));
        out.flush();
      }
    }
  }

  /** The most heap in use seen after any batch (sampled, so a lower bound of the true peak). */
  private static final class HeapSampler {
    static volatile long peak;

    static void sample() {
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (used > peak) {
        peak = used;
      }
    }
  }

  static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
