package org.cix.cli.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.discipline.Measures;
import org.cix.core.discipline.MeasuresLoader;
import org.cix.core.node.NodeServices;
import org.cix.core.subject.PilotAllowlist;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.crypto.pki.FrontEndKeys;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.AccountIssuer;
import org.cix.federation.department.DepartmentClient;
import org.cix.federation.frontend.FrontEnd;
import org.cix.federation.server.FederationNode;
import org.cix.storage.Database;
import org.cix.storage.JdbcStores;
import org.cix.storage.LocalPostgres;

/**
 * Checks per second at a node on PostgreSQL answered by its writer alone, then by the writer and
 * {@code frontEnds} read front ends on hot standbys (issue 25), the same client threads asking in
 * both runs as a procurement system does (the department API over mutual TLS with an account's
 * certificate, round robin over the processes that answer). Every check is recorded in the
 * writer's database in both. Reports the machine's CPU use in each run and the standbys' largest
 * lag, the ceilings that say what more front ends could give here.
 */
public final class FrontEndCheckBenchmark {
  private static final String TOKEN = "bench-front-ends";
  private final Path dir;
  private final int records;
  private final int frontEnds;
  private final int threads;
  private final Duration run;
  private final PrintWriter out;

  public FrontEndCheckBenchmark(Path dir, int records, int frontEnds, int threads, Duration run, PrintWriter out) {
    this.dir = dir;
    this.records = records;
    this.frontEnds = frontEnds;
    this.threads = threads;
    this.run = run;
    this.out = out;
  }

  /** Checks per second, the share of the machine's CPU busy, the largest standby lag seen (ms). */
  public record Rate(double perSecond, double cpuBusy, long maxLagMillis) {}

  public record Result(long recordsHeld, Rate writerAlone, Rate withFrontEnds, int frontEnds, int threads) {
    public double speedup() {
      return withFrontEnds.perSecond() / writerAlone.perSecond();
    }
  }

  public Result run() throws Exception {
    Clock clock = Clock.systemUTC();
    Catalog catalog = CatalogLoader.load(CatalogSource.standard());
    Measures measures = MeasuresLoader.load(MeasuresLoader.standard(), catalog);
    CertificateAuthority root = CertificateAuthority.createRoot("bench root", Duration.ofDays(30), clock);
    NodeKeyMaterial keys = NodeKeyMaterial.enrol(root, "cn", "", false, Duration.ofDays(30),
        dir.resolve("writer"), clock, staging -> { });
    List<AutoCloseable> open = new ArrayList<>();
    try (LocalPostgres primary = LocalPostgres.start()) {
      String url = primary.createDatabase("cix");
      JdbcStores writerStores = new JdbcStores(Database.openPostgres(url, LocalPostgres.USER, ""));
      open.add(writerStores);
      NodeServices writer = NodeServices.assemble(catalog, measures, keys, writerStores.node(),
          PilotAllowlist.empty(), clock);
      CheckBenchmark.fill(writer, catalog, 0, records, out);
      long held = writerStores.records().counts().records();
      List<String> subjects = CheckBenchmark.sample(writerStores.database(), 20_000);
      out.printf("%,d records on PostgreSQL, %,d subjects sampled; %d hot standbys ...%n", held, subjects.size(),
          frontEnds);
      out.flush();
      DepartmentChecks checker = new DepartmentChecks(writer);
      List<DepartmentClient> writerOnly = new ArrayList<>();
      List<DepartmentClient> all = new ArrayList<>();
      List<JdbcStores> standbys = new ArrayList<>();
      FederationNode writerNode = FederationNode.start(keys, TOKEN, writer,
          BenchNodes.loopback(Optional.empty(), false, dir.resolve("spool-writer")), clock);
      open.add(0, writerNode);
      DepartmentClient atWriter = checker.client(writerNode.departmentPort());
      open.add(0, atWriter);
      writerOnly.add(atWriter);
      all.add(atWriter);
      for (int i = 0; i < frontEnds; i++) {
        LocalPostgres standby = primary.standby();
        open.add(standby);
        JdbcStores stores = JdbcStores.frontEnd(Database.openStandby(standby.jdbcUrl("cix"), LocalPostgres.USER, ""),
            Database.openWriters(url, LocalPostgres.USER, ""));
        open.add(0, stores);
        standbys.add(stores);
        // the front end verifies accounts by the writer's account CA and serves with a certificate it issued
        AccountIssuer accounts = writer.access().accounts().issuer();
        NodeKeyMaterial frontKeys = FrontEndKeys.enrol(root, "cn", "", Duration.ofDays(30), dir.resolve("front-" + i),
            clock, staging -> accounts.writeServerFiles(List.of("localhost"), clock.instant().plus(Duration.ofDays(1)),
                staging.resolve(AccountIssuer.DIR)));
        FederationNode front = FederationNode.start(frontKeys, TOKEN, NodeServices.assembleFrontEnd(catalog, measures,
            frontKeys, stores.node(), PilotAllowlist.empty(), clock),
            BenchNodes.loopback(Optional.empty(), false, dir.resolve("spool-front-" + i))
                .asFrontEnd(new FrontEnd(Duration.ofSeconds(30), stores.lag())), clock);
        open.add(0, front);
        DepartmentClient client = checker.client(front.departmentPort());
        open.add(0, client);
        all.add(client);
      }
      for (DepartmentClient client : all) {
        for (int i = 0; i < 500; i++) {
          client.check(subjects.get(i % subjects.size()), "public-procurement.bid", "warm-up");
        }
      }
      out.printf("checks on %d client threads for %d s at the writer alone ...%n", threads, run.toSeconds());
      out.flush();
      Rate alone = rate(writerOnly, subjects, standbys);
      out.printf("checks on %d client threads for %d s at the writer and %d front ends ...%n", threads,
          run.toSeconds(), frontEnds);
      out.flush();
      Rate spread = rate(all, subjects, standbys);
      return new Result(held, alone, spread, frontEnds, threads);
    } finally {
      for (AutoCloseable c : open) {
        c.close();
      }
    }
  }

  /** Checks per second over {@code run}, each client thread asking the processes in turn. */
  private Rate rate(List<DepartmentClient> clients, List<String> subjects, List<JdbcStores> standbys) throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    DoubleAdder cpu = new DoubleAdder();
    LongAdder samples = new LongAdder();
    AtomicLong maxLag = new AtomicLong();
    os.getCpuLoad();
    double perSecond = Throughput.perSecond(threads, run, (random, thread, done) ->
        clients.get((int) ((thread + done) % clients.size())).check(subjects.get(random.nextInt(subjects.size())),
            "public-procurement.bid", "benchmark"), () -> {
              cpu.add(Math.max(0, os.getCpuLoad()));
              samples.increment();
              for (JdbcStores standby : standbys) {
                standby.lag().behind(java.time.Instant.now())
                    .ifPresent(lag -> maxLag.accumulateAndGet(lag.toMillis(), Math::max));
              }
            });
    return new Rate(perSecond, samples.sum() == 0 ? 0 : cpu.sum() / samples.sum(), maxLag.get());
  }
}
