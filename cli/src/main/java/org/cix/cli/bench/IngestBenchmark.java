package org.cix.cli.bench;

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
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
import org.cix.crypto.pem.StagedDirectory;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.storage.Database;
import org.cix.storage.JdbcRecordStore;

/**
 * End-to-end ingest of a generated penalty export into a fresh H2 store (parse, validate, hash,
 * seal, store), and in the same run the ceiling: the same rows as plain batched JDBC inserts into
 * an empty H2 table.
 */
public final class IngestBenchmark {
  private final Path dir;
  private final int rows;
  private final PrintWriter out;

  public IngestBenchmark(Path dir, int rows, PrintWriter out) {
    this.dir = dir;
    this.rows = rows;
    this.out = out;
  }

  /** Figures of one run. */
  public record Result(double recordsPerSecond, double ceilingPerSecond, long peakHeapBytes, long csvBytes,
      long databaseBytes, long ceilingDatabaseBytes, IngestProgress progress) {}

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
    Mapping mapping = MappingLoader.parse(PenaltyExports.mapping(StandardCharsets.UTF_8), "bench", catalog);

    System.gc();
    out.printf("ingesting %s (%,d bytes) ...%n", csv.getFileName(), csvBytes);
    out.flush();
    Path data = dir.resolve("data");
    long started = System.nanoTime();
    IngestProgress progress;
    TimedRecordStore store = new TimedRecordStore(new JdbcRecordStore(Database.openH2(data)));
    try (store;
        InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16);
        RowSource source = RowSource.open(in, mapping, "penalties.csv")) {
      NodeServices services = NodeServices.assemble(catalog, keys, store, PilotAllowlist.empty(), clock);
      progress = services.ingest().run(mapping, source, "penalties.csv", new Progress(out, rows, started));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf("time: %.1f s in all; in the store: %.1f s appending, %.1f s looking up, %.1f s quarantining%n",
        seconds, store.appendNanos / 1e9, store.lookupNanos / 1e9, store.quarantineNanos / 1e9);
    long peakHeap = HeapSampler.peak;
    long databaseBytes = size(data);

    out.printf("ceiling: %,d plain batched JDBC inserts of the same rows ...%n", rows);
    out.flush();
    Path raw = dir.resolve("raw");
    double ceilingSeconds = ceiling(csv, raw);
    return new Result(progress.rows() / seconds, rows / ceilingSeconds, peakHeap, csvBytes, databaseBytes, size(raw),
        progress);
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
          if (id % NodeServices.INGEST_BATCH == 0) {
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

  private static final class Progress implements IngestJob.Listener {
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
