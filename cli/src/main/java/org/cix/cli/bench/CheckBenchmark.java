package org.cix.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.discipline.CheckRequest;
import org.cix.core.discipline.Decision;
import org.cix.core.discipline.Measures;
import org.cix.core.discipline.MeasuresLoader;
import org.cix.core.ingest.Mapping;
import org.cix.core.ingest.MappingLoader;
import org.cix.core.ingest.RowSource;
import org.cix.core.node.NodeServices;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.synthetic.DishonestyListings;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.core.synthetic.SyntheticDepartments;
import org.cix.crypto.pem.StagedDirectory;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.storage.Database;
import org.cix.storage.JdbcStores;
import java.util.Optional;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.server.FederationNode;

/**
 * Local checks and subject profiles on a node holding many records (H2): generated penalties
 * (about 1 KiB each) and one serious-dishonesty entry per hundred records, ingested once and kept
 * in the work directory so later runs reuse them; then check and profile latencies on one
 * thread and check throughput on as many threads as cores. Every check is recorded, as at a
 * real node.
 */
public final class CheckBenchmark {
  static final String DISTRICT = "110105";
  private static final List<String> ACTIONS = List.of("public-procurement.bid", "government-funding.apply",
      "bond-issuance", "executive-appointment", "high-consumption", "administrative-approval.fast-track");

  private final Path dir;
  private final int records;
  private final int checks;
  private final Duration throughputRun;
  private final PrintWriter out;

  public CheckBenchmark(Path dir, int records, int checks, Duration throughputRun, PrintWriter out) {
    this.dir = dir;
    this.records = records;
    this.checks = checks;
    this.throughputRun = throughputRun;
    this.out = out;
  }

  /** Latencies in microseconds. */
  /** Microseconds; {@code incomplete}: answers that lacked a node's part (a node refused or did not answer). */
  public record Latency(double p50, double p99, double max, long incomplete) {
    Latency(double p50, double p99, double max) {
      this(p50, p99, max, 0);
    }

    Latency withIncomplete(long count) {
      return new Latency(p50, p99, max, count);
    }
  }

  public record Result(long recordsHeld, int subjectsSampled, Latency check, Latency profile, double checksPerSecond,
      int threads, double restrictedShare, long databaseBytes, Latency cityCheck, Latency federatedCheck,
      Latency departmentCheck, Latency departmentHttpCheck) {}

  public Result run() throws Exception {
    Clock clock = Clock.systemUTC();
    NodeKeyMaterial keys = keys(clock);
    Catalog catalog = CatalogLoader.load(CatalogSource.standard());
    Measures measures = MeasuresLoader.load(MeasuresLoader.standard(), catalog);
    Path data = dir.resolve("data");
    long held;
    List<String> subjects;
    Latency check;
    Latency profile;
    double perSecond;
    int threads = Runtime.getRuntime().availableProcessors();
    double restrictedShare;
    long bytes;
    try (JdbcStores store = new JdbcStores(Database.openH2(data))) {
      NodeServices node = NodeServices.assemble(catalog, measures, keys, store.node(), PilotAllowlist.empty(), clock);
      held = store.records().counts().records();
      if (held >= records) {
        out.printf("reusing the store in %s: %,d records%n", data, held);
      } else {
        fill(node, catalog, held, records, out);
        held = store.records().counts().records();
      }
      subjects = sample(store.database(), 20_000);
      out.printf("%,d subjects sampled; warming up ...%n", subjects.size());
      out.flush();
      Random random = new Random(1);
      timed(node, subjects, random, Math.min(checks, 5_000), true);
      out.printf("%,d checks on one thread ...%n", checks);
      out.flush();
      check = latency(timed(node, subjects, random, checks, true));
      List<String> some = subjects.subList(0, Math.min(2_000, subjects.size()));
      restrictedShare = restrictedCount(node, some) / (double) some.size();
      out.printf("%,d profiles on one thread ...%n", checks);
      out.flush();
      profile = latency(timed(node, subjects, random, checks, false));
      out.printf("checks on %d threads for %d s ...%n", threads, throughputRun.toSeconds());
      out.flush();
      perSecond = throughput(node, subjects, threads);
      bytes = store.database().sizeOnDisk(dir);
    }
    Latency[] city = federated(clock, data, subjects);
    return new Result(held, subjects.size(), check, profile, perSecond, threads, restrictedShare, bytes, city[0],
        city[1], city[2], city[3]);
  }

  /**
   * Checks asked at a city node through its admin API, one hop from the national node that holds
   * the store (the city holds only the list entries that flow down to it).
   */
  private Latency[] federated(Clock clock, Path data, List<String> subjects) throws Exception {
    int n = Math.max(10, checks / 10);
    Path work = dir.resolve("federated");
    StagedDirectory.deleteRecursively(work);
    try (BenchNodes nodes = new BenchNodes(work, clock,
        CertificateAuthority.load(dir.resolve("root"), clock))) {
      nodes.add("cn", "", Optional.empty(), Database.openH2(data));
      NodeServices city = nodes.add("bj", "1101", Optional.of("cn"));
      nodes.start("cn", Optional.empty());
      FederationNode bj = nodes.start("bj", Optional.of("cn"));
      out.printf("a city node linked to the national node holding the store; waiting until it has taken what "
          + "flows down ...%n");
      out.flush();
      long head = nodes.services("cn").exchange().head();
      long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
      while (city.exchange().cursor("cn").received() < head && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      out.printf("%,d checks at the city node answered there (high-consumption), %,d one hop up "
          + "(public-procurement.bid) ...%n", n, n);
      out.flush();
      Latency local;
      Latency oneHop;
      try (AdminClient admin = new AdminClient(bj.adminPort(), "bench-bj", Duration.ofSeconds(30))) {
        local = adminChecks(admin, subjects, "high-consumption", n);
        oneHop = adminChecks(admin, subjects, "public-procurement.bid", n);
      }
      out.printf("%,d checks of a procurement system through the department API of the node holding the records "
          + "(gRPC, client certificate), %,d through its HTTP/JSON side (bearer token) ...%n", n, n);
      out.flush();
      DepartmentChecks department = new DepartmentChecks(nodes.services("cn"));
      FederationNode cn = nodes.running("cn");
      return new Latency[] {local, oneHop, department.grpc(cn.departmentPort(), subjects, n),
          department.http(cn.departmentHttpPort(), subjects, n)};
    }
  }

  /** {@code n} timed calls of {@code check}, which tells whether the answer was complete (after a fifth as many to warm up). */
  static Latency timedChecks(List<String> subjects, int n, java.util.function.Predicate<String> check) {
    Random random = new Random(2);
    long[] nanos = new long[n + n / 5];
    long incomplete = 0;
    for (int i = 0; i < nanos.length; i++) {
      String subject = subjects.get(random.nextInt(subjects.size()));
      long started = System.nanoTime();
      boolean complete = check.test(subject);
      nanos[i] = System.nanoTime() - started;
      if (!complete && i >= n / 5) {
        incomplete++;
      }
    }
    return latency(Arrays.copyOfRange(nanos, n / 5, nanos.length)).withIncomplete(incomplete);
  }

  /** {@code n} checks through the admin API (after a fifth as many to warm up). */
  static Latency adminChecks(AdminClient admin, List<String> subjects, String action, int n) {
    return timedChecks(subjects, n, subject -> admin.check(org.cix.proto.v1.CheckRequest.newBuilder()
        .setSubjectId(subject).setAction(action).setAsker("cix bench check").setPurpose("benchmark").build())
        .getComplete());
  }

  private NodeKeyMaterial keys(Clock clock) throws IOException {
    Path nodeDir = dir.resolve("node");
    if (Files.isDirectory(nodeDir)) {
      return NodeKeyMaterial.load(nodeDir, clock);
    }
    CertificateAuthority root = CertificateAuthority.createRoot("bench root", Duration.ofDays(365), clock);
    StagedDirectory.create(dir.resolve("root"), root::writeTo);
    return NodeKeyMaterial.enrol(root, "bench", DISTRICT, false, Duration.ofDays(365), nodeDir, clock, staging -> {});
  }

  /** Ingests generated penalties and list entries (streamed, no file) until the store holds {@code records}. */
  static void fill(NodeServices node, Catalog catalog, long held, int records, PrintWriter out) throws Exception {
    int listings = records / 100;
    int penalties = (int) Math.max(0, records - listings - held);
    out.printf("ingesting %,d penalties and %,d serious-dishonesty entries ...%n", penalties, listings);
    out.flush();
    SyntheticDepartments.register(node, DISTRICT, SyntheticDepartments.Kind.MARKET_REGULATION);
    Mapping penaltyMapping = MappingLoader.parse(PenaltyExports.mapping(StandardCharsets.UTF_8), "bench", catalog);
    ingest(node, penaltyMapping, penalties, out, o -> {
      try {
        new PenaltyExports(held + 7, DISTRICT, 0).write(o, StandardCharsets.UTF_8, penalties);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Mapping listingMapping = MappingLoader.parse(DishonestyListings.mapping(), "bench", catalog);
    ingest(node, listingMapping, listings, out, o -> {
      try {
        new DishonestyListings(held + 11, DISTRICT).write(o, (int) (held % 1000) + 1, listings);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static void ingest(NodeServices node, Mapping mapping, int rows, PrintWriter out,
      Consumer<OutputStream> writer) throws Exception {
    PipedInputStream pipe = new PipedInputStream(1 << 20);
    ExecutorService generator = Executors.newSingleThreadExecutor();
    try (PipedOutputStream sink = new PipedOutputStream(pipe)) {
      Future<?> written = generator.submit(() -> {
        try (OutputStream o = sink) {
          writer.accept(o);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return null;
      });
      try (InputStream in = pipe; RowSource source = RowSource.open(in, mapping, mapping.type() + ".csv")) {
        node.ingest().run(mapping, source, mapping.type() + ".csv",
            new IngestBenchmark.Progress(out, rows, System.nanoTime()));
      }
      written.get();
    } finally {
      generator.shutdownNow();
    }
  }

  /** Up to {@code n} subjects spread over the whole store. */
  static List<String> sample(Database database, int n) throws Exception {
    List<String> subjects = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM record_current");
        ResultSet total = count.executeQuery()) {
      total.next();
      long step = Math.max(1, total.getLong(1) / n);
      try (PreparedStatement s = c.prepareStatement("SELECT subject_id FROM record_current WHERE MOD(seq, ?) = 0 AND subject_id <> ''")) {
        s.setLong(1, step);
        try (ResultSet r = s.executeQuery()) {
          while (r.next() && subjects.size() < n) {
            subjects.add(r.getString(1));
          }
        }
      }
    }
    return subjects;
  }

  private static long[] timed(NodeServices node, List<String> subjects, Random random, int n, boolean check) {
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      String subject = subjects.get(random.nextInt(subjects.size()));
      long started = System.nanoTime();
      if (check) {
        node.discipline().check(request(subject, ACTIONS.get(i % ACTIONS.size())));
      } else {
        node.profiles().profile(subject);
      }
      nanos[i] = System.nanoTime() - started;
    }
    return nanos;
  }

  private static long restrictedCount(NodeServices node, List<String> subjects) {
    return subjects.stream().filter(s -> node.discipline().check(request(s, "public-procurement.bid")).decision()
        == Decision.RESTRICT).count();
  }

  private double throughput(NodeServices node, List<String> subjects, int threads) throws Exception {
    return Throughput.perSecond(threads, throughputRun, (random, thread, done) -> node.discipline().check(request(
        subjects.get(random.nextInt(subjects.size())), ACTIONS.get((int) (done % ACTIONS.size())))), () -> { });
  }

  private static CheckRequest request(String subject, String action) {
    return new CheckRequest(subject, action, "cix bench check", "benchmark");
  }

  private static Latency latency(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Latency(sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3,
        sorted[sorted.length - 1] / 1e3);
  }
}
