package org.cix.cli.demo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.cix.core.error.CixException;
import org.cix.core.synthetic.DishonestyListings;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.CheckRequest;
import org.cix.proto.v1.CorrectionInfo;
import org.cix.proto.v1.DecideCorrectionRequest;
import org.cix.proto.v1.Decision;
import org.cix.proto.v1.FileCorrectionRequest;
import org.cix.proto.v1.IngestProgress;
import org.cix.proto.v1.IngestStart;
import org.cix.proto.v1.OriginTotal;
import org.cix.proto.v1.ProfileRecord;
import org.cix.storage.Database;
import org.cix.storage.LocalPostgres;

/**
 * {@code cix bench soak}: the demo tree (7 node processes, real mutual TLS) under continuous work
 * for a while: penalty exports ingested at the districts in turn, serious-dishonesty listings,
 * checks at any node, objections filed at other nodes and decided at the listing's origin; every
 * so often a node other than the national one is killed with SIGKILL and started again. Then
 * the work stops and the federation must converge: everything every node made held at the
 * national node exactly (versions per origin equal), every listing at every node, every objection
 * decided and its decision back at the filing node, every audit chain intact. Resident memory of
 * each node process is sampled throughout.
 */
public final class Soak {
  /**
   * Time to converge after the work stops, plus half the work's length: a pass of the check alone
   * asks every node about every listing.
   */
  private static final Duration SETTLE = Duration.ofSeconds(180);
  private static final int PENALTIES_PER_ROUND = 100;
  private static final String CHECK_ACTION = "public-procurement.bid";

  /** What the run did and found. */
  public record Result(List<String> failures, long penalties, int listings, long checks, long restricted,
      int objections, int kills, double seconds, Map<String, Long> peakRssKb, long nationalRssFirstHalfKb,
      long nationalRssSecondHalfKb) {
    public boolean passed() {
      return failures.isEmpty();
    }
  }

  private record Listing(String subject, String origin) {}

  private record Objection(String id, String filedAt, String origin) {}

  private final Path dir;
  private final PrintWriter out;
  private final Duration length;
  private final Duration killEvery;
  private final Database.Engine store;
  private final Random random = new Random(20261127);
  private final List<Listing> listings = new ArrayList<>();
  private final List<Objection> objections = new ArrayList<>();
  private final List<Objection> undecided = new ArrayList<>();
  private final Map<String, Long> peakRss = new TreeMap<>();
  private long nationalFirstHalf;
  private long nationalSecondHalf;
  private long penalties;
  private long checks;
  private long restricted;
  private int kills;

  /** @param store the nodes' storage: their own H2 files, or a PostgreSQL server of the soak's own */
  public Soak(Path dir, PrintWriter out, Duration length, Duration killEvery, Database.Engine store) {
    this.dir = dir;
    this.out = out;
    this.length = length;
    this.killEvery = killEvery;
    this.store = store;
  }

  public Result run() throws IOException, InterruptedException {
    long started = System.nanoTime();
    List<String> failures = new ArrayList<>();
    try (LocalPostgres postgres = store == Database.Engine.POSTGRES ? LocalPostgres.start() : null;
        DemoCluster cluster = new DemoCluster(dir, out, Optional.empty(), Optional.ofNullable(postgres))) {
      cluster.createPki();
      cluster.startAll();
      cluster.awaitLinks(Duration.ofSeconds(90), started);
      List<DemoNode> districts = cluster.tree().stream().filter(n -> n.depth() == 2).toList();
      List<DemoNode> victims = cluster.tree().stream().filter(n -> n.parent().isPresent()).toList();
      String national = cluster.tree().get(0).id();
      long workStarted = System.nanoTime();
      long end = workStarted + length.toNanos();
      long nextKill = workStarted + killEvery.toNanos();
      long nextReport = workStarted + Duration.ofSeconds(10).toNanos();
      districts.forEach(d -> DemoExports.registerDepartments(cluster.clients().get(d.id()), d.jurisdiction()));
      int round = 0;
      while (System.nanoTime() < end) {
        round++;
        DemoNode district = districts.get(round % districts.size());
        Map<String, AdminClient> clients = cluster.clients();
        penalties += ingestPenalties(clients.get(district.id()), district, round);
        if (round % 3 == 1) {
          list(clients.get(district.id()), district, round);
        }
        check(clients);
        if (round % 4 == 0) {
          object(clients);
        }
        decide(clients);
        sampleMemory(cluster, national, (System.nanoTime() - workStarted) * 2 < length.toNanos());
        if (System.nanoTime() >= nextKill) {
          DemoNode victim = victims.get(random.nextInt(victims.size()));
          cluster.killAndRestart(victim.id());
          kills++;
          out.printf("  %5.1f s: kill -9 of %s, started again%n", DemoCluster.seconds(workStarted), victim.id());
          nextKill += killEvery.toNanos();
        }
        if (System.nanoTime() >= nextReport) {
          out.printf("  %5.1f s: %,d penalties, %,d listings, %,d checks (%,d restricted), %,d objections, %d kills%n",
              DemoCluster.seconds(workStarted), penalties, listings.size(), checks, restricted, objections.size(),
              kills);
          nextReport += Duration.ofSeconds(10).toNanos();
        }
      }
      out.printf("work stopped after %.1f s; waiting for the federation to converge...%n",
          DemoCluster.seconds(workStarted));
      failures.addAll(converge(cluster, national));
      cluster.clients().forEach((id, client) -> {
        if (!client.trust().verifyAudit().getIntact()) {
          failures.add("the audit chain of " + id + " does not verify");
        }
      });
      if (!cluster.stopAll()) {
        failures.add("not every node stopped cleanly");
      }
    }
    if (nationalSecondHalf > 2 * nationalFirstHalf + 100_000) {
      failures.add("the national node's resident memory grew from " + nationalFirstHalf / 1024 + " MiB to "
          + nationalSecondHalf / 1024 + " MiB");
    }
    return new Result(failures, penalties, listings.size(), checks, restricted, objections.size(), kills,
        DemoCluster.seconds(started), peakRss, nationalFirstHalf, nationalSecondHalf);
  }

  private long ingestPenalties(AdminClient client, DemoNode district, int round) throws IOException {
    ByteArrayOutputStream export = new ByteArrayOutputStream();
    new PenaltyExports(50_000 + round, district.jurisdiction(), 0).write(export, StandardCharsets.UTF_8,
        PENALTIES_PER_ROUND);
    return ingest(client, export.toByteArray(), PenaltyExports.mapping(StandardCharsets.UTF_8)).getCreated();
  }

  private void list(AdminClient client, DemoNode district, int round) throws IOException {
    ByteArrayOutputStream export = new ByteArrayOutputStream();
    new DishonestyListings(70_000 + round, district.jurisdiction()).write(export, round, 1);
    String subject = DishonestyListings.subjects(export.toString(StandardCharsets.UTF_8)).get(0);
    if (ingest(client, export.toByteArray(), DishonestyListings.mapping()).getCreated() == 1) {
      listings.add(new Listing(subject, district.id()));
    }
  }

  private static IngestProgress ingest(AdminClient client, byte[] file, String mapping) {
    return client.ingest(IngestStart.newBuilder().setFileName("soak.csv").setMappingName("soak mapping")
        .setMappingYaml(mapping).build(), new ByteArrayInputStream(file), reject -> { }, p -> { },
        Duration.ofMinutes(2));
  }

  /** A check at a random node about a random listed subject; restricted once the listing arrived. */
  private void check(Map<String, AdminClient> clients) {
    if (listings.isEmpty()) {
      return;
    }
    List<String> nodes = new ArrayList<>(clients.keySet());
    Listing listing = listings.get(random.nextInt(listings.size()));
    Decision decision = clients.get(nodes.get(random.nextInt(nodes.size()))).check(CheckRequest.newBuilder()
        .setSubjectId(listing.subject()).setAction(CHECK_ACTION).setAsker("soak").setPurpose("soak").build())
        .getDecision();
    checks++;
    if (decision == Decision.DECISION_RESTRICT) {
      restricted++;
    }
  }

  /** An objection to the newest listing not yet objected to, filed at a node other than its origin. */
  private void object(Map<String, AdminClient> clients) {
    int next = objections.size();
    if (next >= listings.size()) {
      return;
    }
    Listing listing = listings.get(next);
    List<String> others = clients.keySet().stream().filter(id -> !id.equals(listing.origin())).toList();
    String filer = others.get(random.nextInt(others.size()));
    Optional<String> record = clients.get(filer).subject(listing.subject()).getRecordsList().stream()
        .filter(r -> r.getType().equals("serious-dishonesty")).map(ProfileRecord::getRecordId).findFirst();
    if (record.isEmpty()) {
      return; // not there yet: the next round tries again
    }
    CorrectionInfo filed = clients.get(filer).corrections().file(FileCorrectionRequest.newBuilder().setKind("OBJECTION")
        .setSubjectId(listing.subject()).setRecordId(record.get()).setReason("soak").setEvidence("soak")
        .setFiledBy("soak").build());
    Objection objection = new Objection(filed.getId(), filer, listing.origin());
    objections.add(objection);
    undecided.add(objection);
  }

  /** Upholds at their origins the objections that reached them. */
  private void decide(Map<String, AdminClient> clients) {
    undecided.removeIf(objection -> {
      try {
        clients.get(objection.origin()).corrections().decide(DecideCorrectionRequest.newBuilder().setId(objection.id())
            .setOutcome("UPHELD").setNote("soak").setDecidedBy("soak").build());
        return true;
      } catch (CixException e) {
        return false; // not arrived yet
      }
    });
  }

  private void sampleMemory(DemoCluster cluster, String national, boolean firstHalf) {
    for (DemoNode node : cluster.tree()) {
      long rss = residentKb(cluster.pid(node.id()));
      peakRss.merge(node.id(), rss, Math::max);
      if (node.id().equals(national)) {
        if (firstHalf) {
          nationalFirstHalf = Math.max(nationalFirstHalf, rss);
        } else {
          nationalSecondHalf = Math.max(nationalSecondHalf, rss);
        }
      }
    }
  }

  /** VmRSS of a process in KiB (Linux); 0 when it cannot be read. */
  private static long residentKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  /**
   * Waits until the federation holds what was made; what still differs after {@link #SETTLE} and
   * half the work's length.
   */
  private List<String> converge(DemoCluster cluster, String national) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.plus(length.dividedBy(2)).toNanos();
    long started = System.nanoTime();
    List<String> differences = differences(cluster, national);
    while (!differences.isEmpty() && System.nanoTime() < deadline) {
      decide(cluster.clients());
      Thread.sleep(500);
      differences = differences(cluster, national);
    }
    if (differences.isEmpty()) {
      out.printf("converged %.1f s after the work stopped%n", DemoCluster.seconds(started));
    }
    return differences;
  }

  private List<String> differences(DemoCluster cluster, String national) {
    List<String> differences = new ArrayList<>();
    Map<String, AdminClient> clients = cluster.clients();
    Map<String, Long> atNational = new LinkedHashMap<>();
    for (OriginTotal total : clients.get(national).syncStatus().getOriginsList()) {
      atNational.put(total.getOriginNode(), total.getVersions());
    }
    clients.forEach((id, client) -> {
      long own = client.syncStatus().getOriginsList().stream().filter(t -> t.getOriginNode().equals(id))
          .mapToLong(OriginTotal::getVersions).sum();
      long there = atNational.getOrDefault(id, 0L);
      if (own != there) {
        differences.add(id + " made " + own + " versions, the national node holds " + there);
      }
    });
    for (Listing listing : listings) {
      clients.forEach((id, client) -> {
        boolean held = client.subject(listing.subject()).getRecordsList().stream()
            .anyMatch(r -> r.getType().equals("serious-dishonesty"));
        if (!held) {
          differences.add(id + " lacks the listing of " + listing.subject() + " made at " + listing.origin());
        }
      });
    }
    if (!undecided.isEmpty()) {
      differences.add(undecided.size() + " objections not decided (their requests did not reach the origin)");
    }
    for (Objection objection : objections) {
      String state = clients.get(objection.filedAt()).corrections().show(objection.id()).getState();
      if (!state.equals("UPHELD")) {
        differences.add("objection " + objection.id() + " shows " + state + " at " + objection.filedAt());
      }
    }
    return differences;
  }
}
