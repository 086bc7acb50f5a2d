package org.cix.cli.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.cix.cli.bench.CheckBenchmark;
import org.cix.cli.bench.FrontEndCheckBenchmark;
import org.cix.cli.bench.PackageBenchmark;
import org.cix.cli.bench.IngestBenchmark;
import org.cix.cli.bench.SyncBenchmark;
import org.cix.storage.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cix bench}: the project's own benchmarks (see docs/performance.md). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
    subcommands = {BenchCommand.Ingest.class, BenchCommand.Sync.class, BenchCommand.Check.class,
        BenchCommand.Package.class, BenchCommand.Soak.class})
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Which stores a benchmark writes into. */
  enum Stores {
    H2(List.of(Database.Engine.H2)),
    POSTGRES(List.of(Database.Engine.POSTGRES)),
    BOTH(List.of(Database.Engine.H2, Database.Engine.POSTGRES));

    final List<Database.Engine> engines;

    Stores(List<Database.Engine> engines) {
      this.engines = engines;
    }
  }

  /** {@code --dir}: where a benchmark works, shared by every benchmark. */
  static final class WorkDirectory {
    @Option(names = "--dir", paramLabel = "DIR", description = "Work directory (default: a temporary one).")
    Path dir;

    /** The directory, created if need be, or a new temporary one. */
    Path create() throws java.io.IOException {
      return dir == null ? Files.createTempDirectory("cix-bench-") : Files.createDirectories(dir);
    }
  }

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = "End-to-end ingest of a generated penalty CSV (about 1 KiB a row) into a fresh H2 store, "
          + "next to plain batched JDBC inserts of the same rows.")
  static final class Ingest implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows (default: ${DEFAULT-VALUE}).")
    int rows;

    @Mixin WorkDirectory workDirectory;

    @Option(names = "--store", defaultValue = "h2", paramLabel = "h2|postgres|both",
        description = "h2: into H2, with the ceilings; postgres or both: also the same file into PostgreSQL (a "
            + "local server started for the run), reported next to H2 (default: ${DEFAULT-VALUE}).")
    Stores store;

    @Option(names = "--encrypted", description = "Encrypt the cix H2 store at rest (AES under a storage.key), as "
        + "a node made by `cix node init` is; the store ceiling's copy is encrypted too, the plain-lines ceiling and "
        + "the layout's copies not.")
    boolean encrypted;

    @Option(names = "--layout-frames", split = ",", defaultValue = "64,256", paramLabel = "N[,N...]",
        description = "Frame sizes of issue 22's layout to measure: the stored rows written again as N record "
            + "bodies a zstd frame with narrow index rows, and single versions read back (none: 0; default: "
            + "${DEFAULT-VALUE}).")
    List<Integer> frames;

    @Mixin PartitionOption partitions;

    @Override
    public Integer call() throws Exception {
      Path work = workDirectory.create();
      PrintWriter out = spec.commandLine().getOut();
      IngestBenchmark.Result r = new IngestBenchmark(work, rows, store != Stores.H2, encrypted,
          frames.stream().filter(f -> f > 0).toList(), out).partitionVersions(partitions.versions).run();
      out.println();
      out.printf("rows                 %,d (%,d stored, %,d rejected)%n", r.progress().rows(),
          r.progress().created(), r.progress().rejected());
      out.printf("end to end           %,.0f records/s   (parse, validate, hash, seal, store%s)%n",
          r.recordsPerSecond(), encrypted ? "; H2 encrypted at rest" : "");
      if (r.postgresRecordsPerSecond() > 0) {
        out.printf("end to end, postgres %,.0f records/s   (the same into PostgreSQL; %,d MiB on disk)%n",
            r.postgresRecordsPerSecond(), r.postgresDatabaseBytes() >> 20);
      }
      out.printf("store ceiling        %,.0f rows/s      (the stored rows into a fresh store, plain JDBC, no cix code)%n",
          r.storeCeilingPerSecond());
      out.printf("ceiling              %,.0f rows/s      (plain batched JDBC inserts of the CSV lines)%n", r.ceilingPerSecond());
      r.layouts().forEach(l -> out.printf("layout ceiling %4d   %,.0f rows/s      (issue 22's layout, %d bodies a zstd "
          + "frame, no proofs: %s; %,d MiB, compacted %,d MiB; a version by record id %s, today %.0f us)%n",
          l.frame(), l.rowsPerSecond(), l.frame(), l.tables().label(), l.bytes() >> 20, l.compactedBytes() >> 20,
          l.readMicros() == 0 ? "(no index)" : String.format("%.0f us", l.readMicros()), l.readMicrosToday()));
      out.printf("heap in use          at most %,d MiB seen after a batch (max heap %,d MiB)%n", r.peakHeapBytes() >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
      out.printf("CSV                  %,d MiB%n", r.csvBytes() >> 20);
      out.printf("database             %,d MiB (%.2fx the CSV; ceiling's table %,d MiB)%n", r.databaseBytes() >> 20,
          (double) r.databaseBytes() / r.csvBytes(), r.ceilingDatabaseBytes() >> 20);
      out.printf("database compacted   %,d MiB (%.2fx the CSV; H2 keeps 45 s of old chunks while it runs)%n",
          r.compactedBytes() >> 20, (double) r.compactedBytes() / r.csvBytes());
      out.printf("work directory       %s%n", work);
      return 0;
    }
  }

  @Command(name = "sync", mixinStandardHelpOptions = true,
      description = "Sync between two nodes in this process (loopback, real mTLS, H2): generated records sent from "
          + "a city node to the national node, verified and stored, next to the same bundles over a plain mTLS "
          + "stream; then list entries timed to all seven nodes of the demo tree.")
  static final class Sync implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--records", defaultValue = "1000000", description = "Records to send (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--entries", defaultValue = "100",
        description = "List entries timed to all seven nodes (default: ${DEFAULT-VALUE}; 0 skips).")
    int entries;

    @Mixin WorkDirectory workDirectory;

    @Option(names = "--store", defaultValue = "h2", paramLabel = "h2|postgres|both",
        description = "The receiving node's store: h2, postgres (a local server started for the run), or both, "
            + "one after the other from the same sender (default: ${DEFAULT-VALUE}).")
    Stores store;

    @Mixin PartitionOption partitions;

    @Override
    public Integer call() throws Exception {
      List<Database.Engine> engines = store.engines;
      Path work = workDirectory.create();
      PrintWriter out = spec.commandLine().getOut();
      SyncBenchmark.Result r = new SyncBenchmark(work, records, entries, engines, out)
          .partitionVersions(partitions.versions).run();
      out.println();
      out.printf("records              %,d (%,d MiB of record bytes)%n", r.records(),
          r.transfers().get(0).bytes() >> 20);
      for (SyncBenchmark.Transfer t : r.transfers()) {
        out.printf("end to end, %-8s %,.0f records/s   (read, bundle, sign, send; verify seals, proofs, schema; "
            + "store durably; acknowledge)%n", t.store().name().toLowerCase(java.util.Locale.ROOT), t.recordsPerSecond());
      }
      for (SyncBenchmark.Transfer t : r.transfers()) {
        out.printf("receiver on disk, %-8s %,d MiB (%.2fx the record bytes)%n",
            t.store().name().toLowerCase(java.util.Locale.ROOT), t.databaseBytes() >> 20,
            (double) t.databaseBytes() / t.bytes());
      }
      for (SyncBenchmark.Transfer t : r.transfers()) {
        if (t.standbyLagMillis() >= 0) {
          out.printf("standby lag, %-8s max %,d ms   (a hot standby of the receiver's database, as a read front end "
              + "sees it, sampled every second)%n", t.store().name().toLowerCase(java.util.Locale.ROOT),
              t.standbyLagMillis());
        }
      }
      out.printf("ceiling              %,.0f records/s   (the same bundles over a plain mTLS stream, counted only)%n",
          r.ceilingPerSecond());
      if (r.replicationPerSecond() > 0) {
        double postgres = r.transfers().stream().filter(t -> t.store() == Database.Engine.POSTGRES)
            .mapToDouble(SyncBenchmark.Transfer::recordsPerSecond).findFirst().orElse(0);
        out.printf("baseline             %,.0f rows/s      (PostgreSQL logical replication of the same rows between "
            + "two local servers; cix into PostgreSQL is %.2fx of it)%n", r.replicationPerSecond(),
            postgres / r.replicationPerSecond());
      }
      if (r.entries() > 0) {
        out.printf("list entry to 7 nodes  p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d entries (ingest at a district "
            + "to stored at every node)%n", r.p50Millis(), r.p99Millis(), r.maxMillis(), r.entries());
      }
      out.printf("work directory       %s%n", work);
      return 0;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Local joint-discipline checks and subject profiles on a node holding many records (H2): "
          + "latency on one thread, checks per second on every core. The records are ingested once into the "
          + "work directory and reused by later runs with the same --dir.")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--records", defaultValue = "10000000",
        description = "Records the node holds (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--checks", defaultValue = "20000", description = "Timed checks, and profiles "
        + "(default: ${DEFAULT-VALUE}).")
    int checks;

    @Option(names = "--seconds", defaultValue = "20", description = "Length of the throughput run "
        + "(default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--front-ends", defaultValue = "0", description = "Instead: checks/s on PostgreSQL at the writer "
        + "alone, then at the writer and this many read front ends on hot standbys (default: ${DEFAULT-VALUE}).")
    int frontEnds;

    @Option(names = "--threads", defaultValue = "8", description = "Client threads of the --front-ends run "
        + "(default: ${DEFAULT-VALUE}).")
    int threads;

    @Mixin WorkDirectory workDirectory;

    @Override
    public Integer call() throws Exception {
      Path work = workDirectory.create();
      PrintWriter out = spec.commandLine().getOut();
      if (frontEnds > 0) {
        return frontEnds(work, out);
      }
      CheckBenchmark.Result r = new CheckBenchmark(work, records, checks, java.time.Duration.ofSeconds(seconds), out)
          .run();
      out.println();
      out.printf("records held         %,d (%,d MiB on disk); %,d subjects sampled, %.1f%% of them restricted from "
          + "bidding%n", r.recordsHeld(), r.databaseBytes() >> 20, r.subjectsSampled(), 100 * r.restrictedShare());
      out.printf("check, one thread    p50 %.2f ms, p99 %.2f ms, max %.1f ms   (profile, measures, seal checks, "
          + "recorded)%n", r.check().p50() / 1e3, r.check().p99() / 1e3, r.check().max() / 1e3);
      out.printf("profile, one thread  p50 %.2f ms, p99 %.2f ms, max %.1f ms%n", r.profile().p50() / 1e3,
          r.profile().p99() / 1e3, r.profile().max() / 1e3);
      out.printf("checks/s             %,.0f on %d threads%n", r.checksPerSecond(), r.threads());
      out.printf("city check           %s   (cix check's admin call at a city node, answered there: "
          + "high-consumption)%n", latency(r.cityCheck()));
      out.printf("federated check      %s   (cix check's admin call at a city node, one hop to the national node "
          + "holding the records: public-procurement.bid)%n", latency(r.federatedCheck()));
      out.printf("department API check %s   (a procurement system's call over gRPC with its client certificate, at "
          + "the node holding the records)   goal: p99 under 20 ms%n", latency(r.departmentCheck()));
      out.printf("  ... over HTTP/JSON %s   (the same, bearer token from Login)%n", latency(r.departmentHttpCheck()));
      out.printf("work directory       %s%n", work);
      return 0;
    }

    private int frontEnds(Path work, PrintWriter out) throws Exception {
      FrontEndCheckBenchmark.Result r = new FrontEndCheckBenchmark(work, records, frontEnds, threads,
          java.time.Duration.ofSeconds(seconds), out).run();
      out.println();
      out.printf("records held         %,d on PostgreSQL; every check recorded in the writer's database%n",
          r.recordsHeld());
      out.printf("writer alone         %s%n", rate(r.writerAlone()));
      out.printf("writer + %d front end%s %s   %.2fx the writer alone (goal with two: 1.7x)%n", r.frontEnds(),
          r.frontEnds() == 1 ? " " : "s", rate(r.withFrontEnds()), r.speedup());
      out.printf("client threads       %d (the same in both runs), on %d cores%n", r.threads(),
          Runtime.getRuntime().availableProcessors());
      out.printf("work directory       %s%n", work);
      return 0;
    }
  }

  private static String rate(FrontEndCheckBenchmark.Rate r) {
    return String.format("%,.0f checks/s   (CPU %.0f%% busy; largest standby lag %d ms)", r.perSecond(),
        100 * r.cpuBusy(), r.maxLagMillis());
  }

  private static String latency(CheckBenchmark.Latency l) {
    return String.format("p50 %.2f ms, p99 %.2f ms, max %.1f ms", l.p50() / 1e3, l.p99() / 1e3, l.max() / 1e3)
        + (l.incomplete() == 0 ? "" : String.format(" (%,d answers incomplete: a node refused or did not answer)",
            l.incomplete()));
  }

  @Command(name = "package", mixinStandardHelpOptions = true,
      description = "Credit packages: export the package of an industry whose records a district node (H2) holds, "
          + "then verify it offline, as cix package verify does; records per second for both.")
  static final class Package implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--records", defaultValue = "100000", description = "Records in the package "
        + "(default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--verifications", defaultValue = "3", description = "Timed verifications; the fastest counts "
        + "(default: ${DEFAULT-VALUE}).")
    int verifications;

    @Mixin WorkDirectory workDirectory;

    @Override
    public Integer call() throws Exception {
      Path work = workDirectory.create();
      PrintWriter out = spec.commandLine().getOut();
      PackageBenchmark.Result r = new PackageBenchmark(work, records, verifications, out).run();
      out.println();
      out.printf("package      %,d records, %,d bytes (%,d bytes a record)%n", r.records(), r.bytes(),
          r.records() == 0 ? 0 : r.bytes() / r.records());
      out.printf("export       %,.0f records/s (%.2f s)%n", r.exportPerSecond(), r.exportSeconds());
      out.printf("verify       %,.0f records/s (fastest of %d: %.2f s; %d threads)   goal: 100,000 records/s%n",
          r.verifyPerSecond(), r.verifySeconds().size(), r.records() / r.verifyPerSecond(), r.threads());
      out.printf("verified     %s%n", r.intact() ? "every record" : "NOT ALL RECORDS");
      return r.intact() ? 0 : 1;
    }
  }

  @Command(name = "soak", mixinStandardHelpOptions = true,
      description = "The demo tree of 7 node processes under continuous ingest, listings, checks and objections, "
          + "with a node killed (SIGKILL) and restarted every --kill-every; then every node's data must converge "
          + "(docs/reliability.md). Exit 1 when it does not.")
  static final class Soak implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--minutes", defaultValue = "10", description = "Length of the work (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--kill-every", defaultValue = "30", paramLabel = "SECONDS",
        description = "A kill -9 this often (default: every ${DEFAULT-VALUE} s).")
    int killEvery;

    @Option(names = "--store", defaultValue = "h2", paramLabel = "h2|postgres",
        description = "The nodes' storage: each its own H2 file, or one database each on a PostgreSQL server the "
            + "soak starts (default: ${DEFAULT-VALUE}).")
    Database.Engine store;

    @Mixin WorkDirectory workDirectory;

    @Override
    public Integer call() throws Exception {
      Path work = workDirectory.create();
      PrintWriter out = spec.commandLine().getOut();
      Duration length = Duration.ofMillis(Math.round(minutes * 60_000));
      if (minutes <= 0 || killEvery <= 0) {
        throw new IllegalArgumentException("--minutes and --kill-every must be positive");
      }
      Duration every = Duration.ofSeconds(killEvery);
      out.printf("soak: 7 nodes on %s in %s, %s of work, a kill -9 every %ss%n",
          store.name().toLowerCase(java.util.Locale.ROOT), work, length, every.toSeconds());
      org.cix.cli.demo.Soak.Result r = new org.cix.cli.demo.Soak(work, out, length, every, store).run();
      out.println();
      out.printf("work         %,d penalties, %,d listings, %,d checks (%,d restricted), %,d objections, %d kills "
          + "(%.0f s in all)%n", r.penalties(), r.listings(), r.checks(), r.restricted(), r.objections(), r.kills(),
          r.seconds());
      out.printf("memory       peak resident per node (MiB): %s; national node %d MiB in the first half, %d MiB in "
          + "the second%n", r.peakRssKb().entrySet().stream().map(e -> e.getKey() + " " + e.getValue() / 1024)
          .collect(java.util.stream.Collectors.joining(", ")), r.nationalRssFirstHalfKb() / 1024,
          r.nationalRssSecondHalfKb() / 1024);
      out.printf("outcome      %s%n", r.passed() ? "converged: nothing lost, nothing duplicated, every audit chain "
          + "intact" : "FAILED: " + String.join("; ", r.failures()));
      return r.passed() ? 0 : 1;
    }
  }
}
