package org.cix.cli.bench;

import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.cix.core.error.CixException;
import org.cix.core.ingest.IngestJob;
import org.cix.core.ingest.IngestProgress;
import org.cix.core.ingest.RowProblem;
import org.cix.core.ingest.SourceRow;
import org.cix.core.link.LinkRole;
import org.cix.core.link.LinkState;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.core.sync.BundleSender;
import org.cix.core.sync.SyncServices;
import org.cix.core.synthetic.DishonestyListings;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.core.synthetic.SyntheticDepartments;
import org.cix.core.store.ReplicaLag;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.federation.link.LinkChannels;
import org.cix.federation.link.LinkDirection;
import org.cix.federation.link.LinkStatus;
import org.cix.federation.link.LinkTarget;
import org.cix.federation.server.GrpcServers;
import org.cix.federation.server.NodeServer;
import org.cix.federation.server.ServerLimits;
import org.cix.proto.v1.FederationGrpc;
import org.cix.proto.v1.LinkFrame;
import org.cix.proto.v1.Subscription;
import org.cix.storage.Database;
import org.cix.storage.JdbcStores;
import org.cix.storage.LocalPostgres;

/**
 * Sync between real nodes in this process (loopback, real mTLS, H2 stores):
 *
 * <ol>
 *   <li>a district-level node bj holds {@code records} generated penalties (about 1 KiB each);
 *       the time for all of them to reach the national node cn once bj connects, verified and
 *       stored, next to the ceiling: the same bundles pushed over a plain mTLS gRPC stream that
 *       only counts them;
 *   <li>the seven nodes of the demo tree; {@code entries} serious-dishonesty entries listed one
 *       after another at a district, each timed until all seven nodes hold it (p50, p99).
 * </ol>
 */
public final class SyncBenchmark {
  private static final Duration TIMEOUT = Duration.ofHours(1);
  private static final int CEILING_BUNDLES = 50;

  private final Path dir;
  private final int records;
  private final int entries;
  private final List<Database.Engine> stores;
  private final PrintWriter out;
  private long partitionVersions = Database.DEFAULT_PARTITION_VERSIONS;
  private final Clock clock = Clock.systemUTC();

  /** @param stores the receiving national node's engines, one transfer each, in this order */
  public SyncBenchmark(Path dir, int records, int entries, List<Database.Engine> stores, PrintWriter out) {
    this.dir = dir;
    this.records = records;
    this.entries = entries;
    this.stores = List.copyOf(stores);
    this.out = out;
  }

  /**
   * One transfer into a receiver on {@code store}; {@code standbyLagMillis}: on PostgreSQL, the
   * largest lag of a hot standby of the receiver's database seen during it (sampled every second),
   * -1 on H2.
   */
  public record Transfer(Database.Engine store, double recordsPerSecond, long bytes, long databaseBytes,
      long standbyLagMillis) {}

  /**
   * Figures of one run; latencies in milliseconds; {@code replicationPerSecond} is PostgreSQL's
   * logical replication of the same rows (0 when no PostgreSQL transfer was asked for).
   */
  public record Result(long records, List<Transfer> transfers, double ceilingPerSecond,
      double replicationPerSecond, int entries, double p50Millis, double p99Millis, double maxMillis) {}

  /** How wide the PostgreSQL store's partitions of the record versions are. */
  public SyncBenchmark partitionVersions(long versions) {
    this.partitionVersions = versions;
    return this;
  }

  public Result run() throws Exception {
    List<Transfer> transfers = new ArrayList<>();
    double ceiling;
    double replication;
    LocalPostgres postgres = stores.contains(Database.Engine.POSTGRES) ? LocalPostgres.start(ServerStatements.SETTINGS)
        : null;
    try (BenchNodes nodes = new BenchNodes(dir.resolve("pair"), clock)) {
      nodes.add("cn", "", Optional.empty());
      // issued by the root, so that each national node below (one per engine) takes it as a child
      NodeServices bj = nodes.add("bj", "1101", Optional.empty());
      fill(bj);
      for (Database.Engine engine : stores) {
        // a national node of its own per engine, so each transfer starts from an empty receiver
        String national = "cn-" + engine.name().toLowerCase(java.util.Locale.ROOT);
        Optional<String> url = engine == Database.Engine.H2 ? Optional.empty()
            : Optional.of(postgres.createDatabase("cix_bench"));
        Database database = url.isEmpty() ? Database.openH2(dir.resolve("pair/data").resolve(national))
            : Database.openPostgres(url.get(), LocalPostgres.USER, "", partitionVersions);
        NodeServices cn = nodes.add(national, "", Optional.empty(), database);
        // the receiver's database streams to a hot standby (a read front end's) during the transfer
        LocalPostgres standby = engine == Database.Engine.H2 ? null : postgres.standby();
        try (JdbcStores replica = standby == null ? null
            : new JdbcStores(Database.openStandby(standby.jdbcUrl("cix_bench"), LocalPostgres.USER, ""))) {
          Transfer transfer = transfer(nodes, national, cn, bj, engine, url,
              Optional.ofNullable(replica).map(JdbcStores::lag));
          transfers.add(new Transfer(engine, transfer.recordsPerSecond(), transfer.bytes(),
              database.sizeOnDisk(dir.resolve("pair/data").resolve(national)), transfer.standbyLagMillis()));
        } finally {
          if (standby != null) {
            standby.close();
          }
        }
      }
      ceiling = ceiling(nodes, bj);
      replication = postgres == null ? 0 : ReplicationBaseline.run(bj.exchange(), records, dir.resolve("replication"), out);
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
    double[] latencies = entries > 0 ? listLatencies() : new double[0];
    Arrays.sort(latencies);
    return new Result(records, transfers, ceiling, replication, entries, percentile(latencies, 0.50), percentile(latencies, 0.99),
        latencies.length == 0 ? 0 : latencies[latencies.length - 1]);
  }

  private void fill(NodeServices bj) throws Exception {
    Path csv = dir.resolve("penalties.csv");
    out.printf("generating and ingesting %,d penalties at bj ...%n", records);
    out.flush();
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(csv))) {
      new PenaltyExports(7, "110105", 0).write(file, StandardCharsets.UTF_8, records);
    }
    SyntheticDepartments.register(bj, "110105", SyntheticDepartments.Kind.MARKET_REGULATION);
    long started = System.nanoTime();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16)) {
      BenchNodes.ingest(bj, PenaltyExports.mapping(StandardCharsets.UTF_8), in, "penalties.csv",
          new IngestJob.Listener() {
            private long printed;

            @Override
            public void rejected(SourceRow row, List<RowProblem> problems) {}

            @Override
            public void progress(IngestProgress p) {
              if ((p.batches() % 20 == 0 || p.done()) && p.stored() != printed) {
                printed = p.stored();
                out.printf("  %,d rows ingested (%.0f s)%n", p.stored(), (System.nanoTime() - started) / 1e9);
                out.flush();
              }
            }
          });
    }
    Files.delete(csv);
    out.printf("  bj's change-log followers read them in %.1f s (a running node follows its log as it ingests; "
        + "the sync below is timed without that catch-up)%n", BenchNodes.follow(bj));
  }

  /** @param postgres the receiver's database, whose statements are accounted for, if on PostgreSQL */
  private Transfer transfer(BenchNodes nodes, String national, NodeServices cn, NodeServices bj,
      Database.Engine engine, Optional<String> postgres, Optional<ReplicaLag> standby) throws Exception {
    long head = bj.exchange().head();
    CountDownLatch done = new CountDownLatch(1);
    cn.exchange().onAppend(h -> {
      if (h >= head) {
        done.countDown();
      }
    });
    nodes.start(national, Optional.empty());
    out.printf("bj connects to %s (store: %s) and sends %,d records ...%n", national, engine, head);
    out.flush();
    if (postgres.isPresent()) {
      ServerStatements.reset(postgres.get());
    }
    CpuAccount cpu = CpuAccount.now();
    long started = System.nanoTime();
    nodes.start("bj", Optional.of(national));
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(GrpcServers.named("bench-progress"));
    AtomicLong maxLag = new AtomicLong(standby.isPresent() ? 0 : -1);
    standby.ifPresent(lag -> progress.scheduleAtFixedRate(() -> lag.behind(java.time.Instant.now())
        .ifPresent(behind -> maxLag.accumulateAndGet(behind.toMillis(), Math::max)), 1, 1, TimeUnit.SECONDS));
    progress.scheduleAtFixedRate(() -> {
      out.printf("  %,d records at %s (%.0f s)%n", cn.exchange().head(), national,
          (System.nanoTime() - started) / 1e9);
      out.flush();
    }, 10, 10, TimeUnit.SECONDS);
    try {
      if (!done.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new CixException(CixException.Kind.UNAVAILABLE, national + " holds " + cn.exchange().head() + " of "
            + head + " records after " + TIMEOUT);
      }
    } finally {
      progress.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long bytes = cn.exchange().ledger(1_000_000).stream().mapToLong(e -> e.bytes()).sum();
    out.printf("all %,d records at %s after %.1f s%n", head, national, seconds);
    cpu.print("the sync into " + national + " (units: records)", head, out);
    if (postgres.isPresent()) {
      ServerStatements.print(postgres.get(), head, out);
      VersionBytes.print(postgres.get(), head / 2, out);
    }
    nodes.stop("bj");
    nodes.stop(national);
    return new Transfer(engine, head / seconds, bytes, 0, maxLag.get());
  }

  /** The same bundles over a plain mTLS stream to a service that only counts them: records per second. */
  private double ceiling(BenchNodes nodes, NodeServices bj) throws Exception {
    NodeKeyMaterial cnKeys = nodes.keys("cn");
    SyncServices sync = bj.sync(Optional.of("cn"), Set.of(), BundleSender.Limits.DEFAULT);
    BundleSender sender = sync.sender(sync.neighbour(new NodeIdentity("cn", Jurisdiction.NATIONAL), LinkRole.PARENT,
        DerChains.encode(cnKeys.sealChain()), Subscription.getDefaultInstance()),
        ServerLimits.defaults().maxInboundMessageBytes() / 2);
    List<LinkFrame> frames = new ArrayList<>();
    long after = 0;
    while (frames.size() < CEILING_BUNDLES) {
      Optional<BundleSender.Sent> next = sender.next(after);
      if (next.isEmpty()) {
        break;
      }
      frames.add(LinkFrame.newBuilder().setBundle(next.get().bundle()).build());
      after = next.get().lastSeq();
    }
    out.printf("ceiling: %,d records in the same bundles over a plain mTLS stream, counted, not checked or stored ...%n",
        records);
    out.flush();
    CountDownLatch counted = new CountDownLatch(1);
    NodeServer server = NodeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        ServerLimits.defaults(), cnKeys, clock, List.of(new CountingService(records, counted)));
    ManagedChannel channel = LinkChannels.open(nodes.keys("bj"),
        new LinkTarget("cn", "127.0.0.1", server.port(), LinkRole.PARENT), ServerLimits.defaults(), clock,
        new AtomicReference<>());
    try {
      long started = System.nanoTime();
      FederationGrpc.newStub(channel).exchange(new Pusher(frames, records));
      if (!counted.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new CixException(CixException.Kind.UNAVAILABLE, "the ceiling run did not finish");
      }
      return records / ((System.nanoTime() - started) / 1e9);
    } finally {
      GrpcServers.stop(channel, Duration.ofSeconds(5));
      server.close();
    }
  }

  /** Counts the records in the bundles it receives; done at {@code expected}. */
  private static final class CountingService extends FederationGrpc.FederationImplBase {
    private final long expected;
    private final CountDownLatch counted;

    CountingService(long expected, CountDownLatch counted) {
      this.expected = expected;
      this.counted = counted;
    }

    @Override
    public StreamObserver<LinkFrame> exchange(StreamObserver<LinkFrame> responses) {
      AtomicLong items = new AtomicLong();
      return new StreamObserver<>() {
        @Override
        public void onNext(LinkFrame frame) {
          if (items.addAndGet(frame.getBundle().getItemsCount()) >= expected && counted.getCount() > 0) {
            counted.countDown();
            responses.onCompleted();
          }
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
      };
    }
  }

  /** Sends the frames round and round while the transport is ready, until {@code records} records went. */
  private static final class Pusher implements ClientResponseObserver<LinkFrame, LinkFrame> {
    private final List<LinkFrame> frames;
    private final long records;
    private ClientCallStreamObserver<LinkFrame> requests;
    private long sent;
    private int next;

    Pusher(List<LinkFrame> frames, long records) {
      this.frames = frames;
      this.records = records;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<LinkFrame> requestStream) {
      requests = requestStream;
      requestStream.setOnReadyHandler(this::push);
    }

    private synchronized void push() {
      while (sent < records && requests.isReady()) {
        LinkFrame frame = frames.get(next++ % frames.size());
        requests.onNext(frame);
        sent += frame.getBundle().getItemsCount();
      }
      if (sent >= records) {
        requests.onCompleted();
        sent = Long.MIN_VALUE;
      }
    }

    @Override
    public void onNext(LinkFrame value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }

  /** The demo's seven nodes; each entry listed at bj-chaoyang and timed until all seven hold it. */
  private double[] listLatencies() throws Exception {
    out.printf("seven nodes; %d list entries, each timed until all seven hold it ...%n", entries);
    out.flush();
    String[][] tree = {{"cn", "", null}, {"bj", "1101", "cn"}, {"sh", "3101", "cn"},
        {"bj-dongcheng", "110101", "bj"}, {"bj-chaoyang", "110105", "bj"}, {"sh-huangpu", "310101", "sh"},
        {"sh-pudong", "310115", "sh"}};
    double[] latencies = new double[entries];
    try (BenchNodes nodes = new BenchNodes(dir.resolve("tree"), clock)) {
      AtomicReference<Round> round = new AtomicReference<>();
      for (String[] node : tree) {
        NodeServices services = nodes.add(node[0], node[1], Optional.ofNullable(node[2]));
        services.exchange().onAppend(head -> {
          Round current = round.get();
          if (current != null && current.arrivals.putIfAbsent(node[0], System.nanoTime()) == null) {
            current.all.countDown();
          }
        });
      }
      for (String[] node : tree) {
        nodes.start(node[0], Optional.ofNullable(node[2]));
      }
      awaitLinksUp(nodes, tree);
      NodeServices chaoyang = nodes.services("bj-chaoyang");
      SyntheticDepartments.register(chaoyang, "110105", SyntheticDepartments.Kind.MARKET_REGULATION);
      for (int k = 0; k < entries; k++) {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        new DishonestyListings(11, "110105").write(csv, k + 1, 1);
        Round current = new Round(tree.length);
        round.set(current);
        long started = System.nanoTime();
        BenchNodes.ingest(chaoyang, DishonestyListings.mapping(), csv.toByteArray(), "listing.csv");
        if (!current.all.await(60, TimeUnit.SECONDS)) {
          throw new CixException(CixException.Kind.UNAVAILABLE, "entry " + (k + 1) + " reached only "
              + current.arrivals.keySet());
        }
        round.set(null);
        latencies[k] = (current.arrivals.values().stream().mapToLong(Long::longValue).max().orElseThrow() - started)
            / 1e6;
      }
    }
    return latencies;
  }

  /** One entry on its way: when each node stored it. */
  private static final class Round {
    final ConcurrentHashMap<String, Long> arrivals = new ConcurrentHashMap<>();
    final CountDownLatch all;

    Round(int nodes) {
      all = new CountDownLatch(nodes);
    }
  }

  private void awaitLinksUp(BenchNodes nodes, String[][] tree) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (String[] node : tree) {
      if (node[2] == null) {
        continue;
      }
      while (nodes.running(node[0]).links().find(LinkDirection.OUTBOUND, node[2]).map(LinkStatus::state)
          .orElse(LinkState.DOWN) != LinkState.UP) {
        if (System.nanoTime() > deadline) {
          throw new CixException(CixException.Kind.UNAVAILABLE, node[0] + " did not link to " + node[2]);
        }
        Thread.sleep(20);
      }
    }
  }

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
