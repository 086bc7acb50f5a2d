package org.cix.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.cix.cli.command.RecordCommand;
import org.cix.cli.command.RejectReport;
import org.cix.cli.command.StatsCommand;
import org.cix.cli.command.SyncCommand;
import org.cix.core.error.CixException;
import org.cix.core.authority.DepartmentRegistry;
import org.cix.core.stats.NodeReports;
import org.cix.proto.v1.TypeFlow;
import org.cix.core.synthetic.DishonestyListings;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.IngestStart;

/**
 * The demo's exchange: waits until the national node holds every record ingested at the
 * districts, then lists one enterprise as seriously dishonest at one district and times how long
 * the entry takes to reach all seven nodes ("break faith once, be limited everywhere").
 */
final class DemoSync {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(20);
  /** The district in the other city, where the demo looks at what arrived. */
  static final String FARTHEST = "sh-pudong";

  private final Path dir;
  private final PrintWriter out;

  DemoSync(Path dir, PrintWriter out) {
    this.dir = dir.resolve("exports");
    this.out = out;
  }

  /** Waits until {@code national} holds {@code expected} versions originated below it; prints its totals. */
  void awaitNational(AdminClient national, long expected) throws InterruptedException {
    long started = System.nanoTime();
    long[] held = new long[1];
    until(started, () -> "the national node holds " + held[0] + " of " + expected + " versions", () -> {
      held[0] = national.stats(0).getTypesList().stream()
          .filter(t -> t.getDirection().equals("received") && !t.getType().equals(NodeReports.TYPE)
              && !t.getType().equals(DepartmentRegistry.TYPE))
          .mapToLong(TypeFlow::getItems).sum();
      return held[0] >= expected;
    });
    out.printf("all %,d versions ingested at the districts reached the national node (%.1f s after the last "
        + "ingest); its sync status (cix sync status):%n", expected, (System.nanoTime() - started) / 1e9);
    // asked now, after the wait: a status read before it could miss the last bundles (issue 27)
    SyncCommand.print(national.syncStatus(), System.currentTimeMillis(), out);
    out.printf("%nits exchange statistics (cix stats):%n");
    StatsCommand.print(national.stats(0), out);
  }

  /**
   * Asks {@code done} every {@link #POLL} until it is true; after {@link #TIMEOUT} from
   * {@code started} (a {@link System#nanoTime()}) fails with {@code state} (what was reached).
   */
  static void until(long started, Supplier<String> state, BooleanSupplier done) throws InterruptedException {
    long deadline = started + TIMEOUT.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new CixException(CixException.Kind.UNAVAILABLE, state.get() + " after " + TIMEOUT.toSeconds() + " s");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /**
   * Waits until every node holds a record of {@code type} about {@code subject}; returns when
   * each had it, in milliseconds after {@code started} (a {@link System#nanoTime()}).
   */
  static Map<String, Double> awaitEverywhere(String subject, String type, Map<String, AdminClient> clients,
      long started) throws InterruptedException {
    Map<String, Double> arrivals = new LinkedHashMap<>();
    until(started, () -> "the " + type + " record reached " + arrivals.keySet() + " only", () -> {
      for (Map.Entry<String, AdminClient> node : clients.entrySet()) {
        if (!arrivals.containsKey(node.getKey()) && node.getValue().subject(subject).getRecordsList().stream()
            .anyMatch(r -> r.getType().equals(type))) {
          arrivals.put(node.getKey(), (System.nanoTime() - started) / 1e6);
        }
      }
      return arrivals.size() == clients.size();
    });
    return arrivals;
  }

  /**
   * Lists one enterprise at {@code district}, waits until every node holds the entry and returns
   * the enterprise's USCC.
   */
  /** The legal representative (resident ID number) of the enterprise {@link #listEverywhere} listed at {@code district}. */
  String representativeListedAt(String district) throws IOException {
    return DishonestyListings.representatives(Files.readString(dir.resolve(district + "-serious-dishonesty.csv")))
        .get(0);
  }

  String listEverywhere(String district, String jurisdiction, Map<String, AdminClient> clients)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path export = dir.resolve(district + "-serious-dishonesty.csv");
    try (OutputStream file = Files.newOutputStream(export)) {
      new DishonestyListings(7, jurisdiction).write(file, 1, 1);
    }
    String subject = DishonestyListings.subjects(Files.readString(export)).get(0);
    long started = System.nanoTime();
    try (RejectReport report = RejectReport.open(export); InputStream in = Files.newInputStream(export)) {
      clients.get(district).ingest(IngestStart.newBuilder().setFileName(export.getFileName().toString())
          .setMappingName("demo mapping").setMappingYaml(DishonestyListings.mapping()).build(), in, report::add,
          p -> { }, Duration.ofMinutes(1));
    }
    out.printf("%s lists %s as seriously dishonest (严重失信主体名单); waiting for every node to hold it...%n",
        district, subject);
    Map<String, Double> arrivals = awaitEverywhere(subject, "serious-dishonesty", clients, started);
    List<String> parts = new ArrayList<>();
    arrivals.forEach((node, millis) -> parts.add(node + " " + Math.round(millis) + " ms"));
    out.printf("the list entry reached all %d nodes in %.0f ms after its ingest started (%s; polled every %d ms)%n",
        clients.size(), arrivals.values().stream().mapToDouble(Double::doubleValue).max().orElse(0),
        String.join(", ", parts), POLL.toMillis());
    String farthest = FARTHEST;
    AdminClient far = clients.get(farthest);
    String recordId = far.subject(subject).getRecordsList().stream()
        .filter(r -> r.getType().equals("serious-dishonesty")).findFirst().orElseThrow().getRecordId();
    out.printf("%nits history at %s (cix record history %s):%n", farthest, recordId);
    RecordCommand.print(far.history(recordId), out);
    return subject;
  }
}
