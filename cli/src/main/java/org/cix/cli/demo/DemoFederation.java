package org.cix.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.cli.command.TextTable;
import org.cix.cli.node.NodeAdmin;
import org.cix.cli.node.NodeEnrolment;
import org.cix.cli.node.RunFile;
import org.cix.cli.command.FederationCommand;
import org.cix.cli.report.HtmlReport;
import org.cix.core.error.CixException;
import org.cix.core.node.Jurisdiction;
import org.cix.crypto.pem.StagedDirectory;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.LinkDirection;
import org.cix.proto.v1.LinkState;
import org.cix.proto.v1.LinkStatus;
import org.cix.proto.v1.NodeStatus;

/**
 * The demo federation: a national root CA, a national node, two cities and two districts under
 * each, every node its own process on loopback with real mutual TLS. Waits until every parent
 * link is up, prints the tree, stops the nodes with SIGTERM and checks they exit cleanly.
 */
public final class DemoFederation {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(45);
  private static final Duration POLL = Duration.ofMillis(100);

  private final Path dir;
  private final PrintWriter out;
  private final Duration linkTimeout;
  private final Clock clock = Clock.systemUTC();
  private final List<DemoNode> tree = DemoNode.standardTree();
  private final Map<String, NodeProcess> processes = new LinkedHashMap<>();
  private final Map<String, RunFile> runFiles = new LinkedHashMap<>();

  public DemoFederation(Path dir, PrintWriter out, Duration linkTimeout) {
    this.dir = dir;
    this.out = out;
    this.linkTimeout = linkTimeout;
  }

  /** Runs the demo; returns true when every link came up and every node stopped cleanly. */
  public boolean run() throws IOException, InterruptedException {
    long started = System.nanoTime();
    createPki();
    out.printf("PKI and configuration for %d nodes written to %s%n", tree.size(), dir);
    boolean linked = false;
    try {
      startAll();
      out.printf("%d node processes listening after %.1f s; waiting for links...%n",
          processes.size(), seconds(started));
      try (AdminClients clients = new AdminClients()) {
        Map<String, NodeStatus> statuses = awaitLinks(clients.byNode, started);
        linked = true;
        out.println();
        printTree(statuses);
        out.println();
        List<DemoNode> districts = tree.stream().filter(n -> n.depth() == 2).toList();
        DemoExports exports = new DemoExports(dir, out);
        long stored = exports.ingestAtDistricts(districts, clients.byNode);
        out.println();
        DemoSync sync = new DemoSync(dir, out);
        sync.awaitNational(clients.byNode.get(tree.get(0).id()), stored);
        out.println();
        exports.showProfile(districts.get(1), 1, tree.get(0).id(), clients.byNode.get(tree.get(0).id()));
        out.println();
        exports.showQuality(districts.get(1), clients.byNode.get(districts.get(1).id()));
        out.println();
        DemoNode lister = districts.get(1);
        String listed = sync.listEverywhere(lister.id(), lister.jurisdiction(), clients.byNode);
        out.println();
        new DemoDiscipline(out).show(listed, lister.id(), lister.jurisdiction(), DemoSync.FARTHEST, clients.byNode);
        out.println();
        new DemoPackage(dir, out).show(listed, DemoSync.FARTHEST, clients.byNode.get(DemoSync.FARTHEST),
            dir.resolve("pki").resolve("root").resolve("root.crt"));
        out.println();
        new DemoCorrections(out).show(listed, lister.id(), DemoSync.FARTHEST, clients.byNode);
        out.println();
        showFederation(clients.byNode.get(tree.get(0).id()), tree.get(0).id(), tree.size());
        out.println();
        writeReport(clients.byNode.get(tree.get(0).id()), tree.get(0).id());
      }
    } catch (CixException e) {
      out.println("demo failed: " + e.getMessage());
    } finally {
      linked &= stopAll();
    }
    return linked;
  }

  /** The federation as the national node knows it from the nodes' reports, once every node reported. */
  private void showFederation(AdminClient national, String id, int nodes) throws InterruptedException {
    long started = System.nanoTime();
    DemoSync.until(started, () -> "not every node's report reached " + id,
        () -> national.federation().getNodesCount() == nodes);
    out.printf("the federation as %s knows it from the nodes' own reports (cix federation):%n", id);
    FederationCommand.print(national.federation(), out, System.currentTimeMillis());
  }

  /** The national node's report, as cix report writes it. */
  private void writeReport(AdminClient national, String id) throws IOException {
    Path report = dir.resolve("report.html");
    Files.writeString(report, HtmlReport.html(new HtmlReport.Data(national.status(), national.syncStatus(),
        national.stats(0), national.qualityDepartments(), national.federation(), java.time.Instant.now())));
    out.printf("the national node's report (cix report --config conf/%s.yaml --out report.html): %s%n", id,
        report.toAbsolutePath());
  }

  private Path nodeDir(String id) {
    return dir.resolve("nodes").resolve(id);
  }

  private Path dataDir(String id) {
    return dir.resolve("data").resolve(id);
  }

  private Path configFile(String id) {
    return dir.resolve("conf").resolve(id + ".yaml");
  }

  private void createPki() throws IOException {
    Path rootDir = dir.resolve("pki").resolve("root");
    CertificateAuthority root = CertificateAuthority.createRoot("cix demo national root", Duration.ofDays(30), clock);
    StagedDirectory.create(rootDir, root::writeTo);
    Files.createDirectories(dir.resolve("nodes"));
    for (DemoNode node : tree) {
      Path issuer = node.parent().map(this::nodeDir).orElse(rootDir);
      NodeEnrolment.enrol(node.id(), node.jurisdiction(), issuer, nodeDir(node.id()), true, Duration.ofDays(30), clock);
    }
  }

  private void startAll() throws IOException, InterruptedException {
    int maxDepth = tree.stream().mapToInt(DemoNode::depth).max().orElse(0);
    for (int depth = 0; depth <= maxDepth; depth++) {
      List<DemoNode> level = new ArrayList<>();
      for (DemoNode node : tree) {
        if (node.depth() == depth) {
          level.add(node);
        }
      }
      for (DemoNode node : level) {
        writeConfig(node);
        processes.put(node.id(), NodeProcess.start(node, configFile(node.id()), dir.resolve("logs").resolve(node.id() + ".log")));
      }
      for (DemoNode node : level) {
        runFiles.put(node.id(), awaitRunFile(processes.get(node.id())));
      }
    }
  }

  private void writeConfig(DemoNode node) throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# demo node ").append(node.id()).append(" (")
        .append(new Jurisdiction(node.jurisdiction())).append(' ')
        .append(new Jurisdiction(node.jurisdiction()).name()).append(")\n");
    yaml.append("node:\n  keys: ../nodes/").append(node.id()).append("\n  data: ../data/").append(node.id()).append('\n');
    yaml.append("listen:\n  host: 127.0.0.1\n  port: 0\n");
    yaml.append("admin:\n  port: 0\n");
    if (node.parent().isPresent()) {
      String parent = node.parent().get();
      yaml.append("parent:\n  node-id: ").append(parent)
          .append("\n  address: 127.0.0.1:").append(runFiles.get(parent).federationPort()).append('\n');
    }
    yaml.append("reconnect:\n  initial-backoff: 100ms\n  max-backoff: 2s\n");
    yaml.append("reports:\n  every: 5s\n");
    Files.createDirectories(configFile(node.id()).getParent());
    Files.writeString(configFile(node.id()), yaml, StandardCharsets.UTF_8);
  }

  private RunFile awaitRunFile(NodeProcess process) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<RunFile> run = process.runFile(dataDir(process.node().id()));
      if (run.isPresent()) {
        return run.get();
      }
      if (!process.isAlive()) {
        throw new CixException(CixException.Kind.UNAVAILABLE, "node " + process.node().id()
            + " exited during start-up; its log ends with:\n" + process.tailOfLog(15));
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new CixException(CixException.Kind.UNAVAILABLE, "node " + process.node().id() + " did not start within "
        + START_TIMEOUT.toSeconds() + " s; its log ends with:\n" + process.tailOfLog(15));
  }

  /** An admin client for every node, closed together. */
  private final class AdminClients implements AutoCloseable {
    final Map<String, AdminClient> byNode = new LinkedHashMap<>();

    AdminClients() {
      for (DemoNode node : tree) {
        byNode.put(node.id(), NodeAdmin.connect(configFile(node.id()), Duration.ofSeconds(10)));
      }
    }

    @Override
    public void close() {
      byNode.values().forEach(AdminClient::close);
    }
  }

  private Map<String, NodeStatus> awaitLinks(Map<String, AdminClient> clients, long started)
      throws InterruptedException {
    int expected = (int) tree.stream().filter(n -> n.parent().isPresent()).count();
    long deadline = System.nanoTime() + linkTimeout.toNanos();
    int reported = -1;
    while (true) {
      Map<String, NodeStatus> statuses = new LinkedHashMap<>();
      clients.forEach((id, client) -> statuses.put(id, client.status()));
      int up = 0;
      for (DemoNode node : tree) {
        if (node.parent().isPresent() && parentLink(statuses.get(node.id()), node.parent().get())
            .map(l -> l.getState() == LinkState.LINK_STATE_UP).orElse(false)) {
          up++;
        }
      }
      if (up != reported) {
        out.printf("  %.1f s: %d of %d parent links up%n", seconds(started), up, expected);
        reported = up;
      }
      if (up == expected) {
        out.printf("federation up in %.1f s: %d nodes, %d of %d parent links up%n",
            seconds(started), tree.size(), up, expected);
        return statuses;
      }
      if (System.nanoTime() > deadline) {
        throw new CixException(CixException.Kind.UNAVAILABLE, "only " + up + " of " + expected
            + " parent links came up within " + linkTimeout.toSeconds() + " s (see " + dir.resolve("logs") + ")");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private static Optional<LinkStatus> parentLink(NodeStatus status, String parent) {
    return status.getLinksList().stream()
        .filter(l -> l.getDirection() == LinkDirection.LINK_DIRECTION_OUTBOUND && l.getPeerNodeId().equals(parent))
        .findFirst();
  }

  private void printTree(Map<String, NodeStatus> statuses) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NODE", "LEVEL", "JURISDICTION", "PORT", "LINK TO PARENT"});
    DemoNode top = tree.stream().filter(n -> n.parent().isEmpty()).findFirst().orElseThrow();
    addRows(top, "", "", statuses, clock.millis(), rows);
    TextTable.print(rows, out);
  }

  /** Depth first, drawing the branches: {@code lead} for this node, {@code indent} for its children. */
  private void addRows(
      DemoNode node, String lead, String indent, Map<String, NodeStatus> statuses, long now, List<String[]> rows) {
    NodeStatus status = statuses.get(node.id());
    String link = node.parent().flatMap(p -> parentLink(status, p))
        .map(l -> TextTable.word(l.getState(), "LINK_STATE_") + " to " + l.getPeerNodeId()
            + " (handshake " + TextTable.duration(now - l.getLastHandshakeMillis()) + " ago)")
        .orElse("-");
    String code = status.getJurisdiction().isEmpty() ? "national" : status.getJurisdiction();
    rows.add(new String[] {lead + node.id(), status.getLevel(), code + " " + status.getJurisdictionName(),
        Integer.toString(status.getFederationPort()), link});
    List<DemoNode> children = tree.stream().filter(n -> n.parent().equals(Optional.of(node.id()))).toList();
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      addRows(children.get(i), indent + (last ? "└─ " : "├─ "), indent + (last ? "   " : "│  "), statuses, now, rows);
    }
  }

  private boolean stopAll() throws InterruptedException {
    boolean clean = true;
    List<NodeProcess> reversed = new ArrayList<>(processes.values());
    java.util.Collections.reverse(reversed);
    StringBuilder codes = new StringBuilder();
    for (NodeProcess process : reversed) {
      int code = process.stop(20);
      clean &= code == 0;
      if (code != 0) {
        codes.append(' ').append(process.node().id()).append('=').append(code);
      }
    }
    if (!processes.isEmpty()) {
      out.println(clean
          ? "stopped " + processes.size() + " nodes cleanly (SIGTERM, exit 0)"
          : "some nodes did not stop cleanly:" + codes + " (see " + dir.resolve("logs") + ")");
    }
    return clean;
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
