package org.cix.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.cli.node.NodeAdmin;
import org.cix.cli.node.NodeEnrolment;
import org.cix.cli.node.RunFile;
import org.cix.core.error.CixException;
import org.cix.core.node.Jurisdiction;
import org.cix.crypto.pem.StagedDirectory;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.LinkDirection;
import org.cix.proto.v1.LinkState;
import org.cix.proto.v1.LinkStatus;
import org.cix.proto.v1.NodeStatus;
import org.cix.storage.LocalPostgres;

/**
 * The demo tree as node processes under one directory: its PKI, a configuration per node, the
 * processes started level by level, admin clients, and stops (clean, or kill -9 and restart for
 * the soak). Each node keeps the federation port it first got, so that a restarted node is found
 * again by its children.
 */
final class DemoCluster implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(45);
  private static final Duration POLL = Duration.ofMillis(100);

  private final Path dir;
  private final PrintWriter out;
  private final Optional<Duration> reportEvery;
  private final Optional<LocalPostgres> postgres;
  private final Map<String, String> databases = new LinkedHashMap<>();
  private final Clock clock = Clock.systemUTC();
  private final List<DemoNode> tree = DemoNode.standardTree();
  private final Map<String, NodeProcess> processes = new LinkedHashMap<>();
  private final Map<String, RunFile> runFiles = new LinkedHashMap<>();
  private final Map<String, AdminClient> clients = new LinkedHashMap<>();

  /**
   * @param reportEvery how often nodes report themselves up the tree; empty: never
   * @param postgres a server holding one database per node; empty: each node on its own H2 file
   */
  DemoCluster(Path dir, PrintWriter out, Optional<Duration> reportEvery, Optional<LocalPostgres> postgres) {
    this.dir = dir;
    this.out = out;
    this.reportEvery = reportEvery;
    this.postgres = postgres;
  }

  List<DemoNode> tree() {
    return tree;
  }

  Path dir() {
    return dir;
  }

  /** The national root and a node directory per node, each issued by its parent's CA. */
  void createPki() throws IOException {
    Path rootDir = dir.resolve("pki").resolve("root");
    CertificateAuthority root = CertificateAuthority.createRoot("cix demo national root", Duration.ofDays(30), clock);
    StagedDirectory.create(rootDir, root::writeTo);
    Files.createDirectories(dir.resolve("nodes"));
    for (DemoNode node : tree) {
      Path issuer = node.parent().map(this::nodeDir).orElse(rootDir);
      NodeEnrolment.enrol(node.id(), node.jurisdiction(), issuer, nodeDir(node.id()), true, Duration.ofDays(30), clock);
    }
  }

  /** Starts every node, parents first, and connects an admin client to each. */
  void startAll() throws IOException, InterruptedException {
    int maxDepth = tree.stream().mapToInt(DemoNode::depth).max().orElse(0);
    for (int depth = 0; depth <= maxDepth; depth++) {
      List<DemoNode> level = new ArrayList<>();
      for (DemoNode node : tree) {
        if (node.depth() == depth) {
          level.add(node);
        }
      }
      for (DemoNode node : level) {
        writeConfig(node, 0);
        processes.put(node.id(), start(node));
      }
      for (DemoNode node : level) {
        RunFile run = awaitRunFile(processes.get(node.id()));
        runFiles.put(node.id(), run);
        writeConfig(node, run.federationPort());
      }
    }
    for (DemoNode node : tree) {
      clients.put(node.id(), NodeAdmin.connect(configFile(node.id()), Duration.ofSeconds(10)));
    }
  }

  /** The port of {@code id}'s department API over HTTP/JSON (-1 when it has none). */
  int departmentHttpPort(String id) {
    return runFiles.get(id).departmentHttpPort();
  }

  /** An admin client per node, by node id. */
  Map<String, AdminClient> clients() {
    return clients;
  }

  Path configFile(String id) {
    return dir.resolve("conf").resolve(id + ".yaml");
  }

  /** The process id of a running node. */
  long pid(String id) {
    return processes.get(id).pid();
  }

  /** kill -9 of {@code id}, then the same node started again on the same port and data. */
  void killAndRestart(String id) throws IOException, InterruptedException {
    NodeProcess killed = processes.get(id);
    killed.kill();
    clients.remove(id).close();
    NodeProcess started = start(killed.node());
    processes.put(id, started);
    runFiles.put(id, awaitRunFile(started));
    clients.put(id, NodeAdmin.connect(configFile(id), Duration.ofSeconds(10)));
  }

  /** Waits until every node's link to its parent is up; the statuses then. */
  Map<String, NodeStatus> awaitLinks(Duration timeout, long started) throws InterruptedException {
    int expected = (int) tree.stream().filter(n -> n.parent().isPresent()).count();
    long deadline = System.nanoTime() + timeout.toNanos();
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
            + " parent links came up within " + timeout.toSeconds() + " s (see " + dir.resolve("logs") + ")");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  static Optional<LinkStatus> parentLink(NodeStatus status, String parent) {
    return status.getLinksList().stream()
        .filter(l -> l.getDirection() == LinkDirection.LINK_DIRECTION_OUTBOUND && l.getPeerNodeId().equals(parent))
        .findFirst();
  }

  /** SIGTERM to every node, children first; true when all exited 0. */
  boolean stopAll() throws InterruptedException {
    clients.values().forEach(AdminClient::close);
    clients.clear();
    boolean clean = true;
    List<NodeProcess> reversed = new ArrayList<>(processes.values());
    Collections.reverse(reversed);
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
    processes.clear();
    return clean;
  }

  @Override
  public void close() throws InterruptedException {
    if (!processes.isEmpty()) {
      stopAll();
    }
  }

  static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private Path nodeDir(String id) {
    return dir.resolve("nodes").resolve(id);
  }

  private Path dataDir(String id) {
    return dir.resolve("data").resolve(id);
  }

  private NodeProcess start(DemoNode node) throws IOException {
    return NodeProcess.start(node, configFile(node.id()), dir.resolve("logs").resolve(node.id() + ".log"));
  }

  /** The node's configuration; {@code port} 0 at first start, then the port it got. */
  private void writeConfig(DemoNode node, int port) throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# demo node ").append(node.id()).append(" (")
        .append(new Jurisdiction(node.jurisdiction())).append(' ')
        .append(new Jurisdiction(node.jurisdiction()).name()).append(")\n");
    yaml.append("node:\n  keys: ../nodes/").append(node.id()).append("\n  data: ../data/").append(node.id()).append('\n');
    yaml.append("listen:\n  host: 127.0.0.1\n  port: ").append(port).append('\n');
    yaml.append("admin:\n  port: 0\n");
    if (node.parent().isPresent()) {
      String parent = node.parent().get();
      yaml.append("parent:\n  node-id: ").append(parent)
          .append("\n  address: 127.0.0.1:").append(runFiles.get(parent).federationPort()).append('\n');
    }
    if (postgres.isPresent()) {
      String url = databases.computeIfAbsent(node.id(),
          id -> postgres.get().createDatabase("cix_" + id.replace('-', '_')));
      yaml.append("storage:\n  engine: postgres\n  url: ").append(url).append("\n  user: ")
          .append(LocalPostgres.USER).append('\n');
    }
    if (node.depth() == 2) {
      // districts serve their departments: gRPC and HTTP/JSON on ports of their own
      yaml.append("department-api:\n  host: 127.0.0.1\n  port: 0\n  http-port: 0\n  names: [localhost, 127.0.0.1]\n");
    }
    yaml.append("reconnect:\n  initial-backoff: 100ms\n  max-backoff: 2s\n");
    yaml.append(reportEvery.map(every -> "reports:\n  every: " + every.toSeconds() + "s\n")
        .orElse("reports:\n  enabled: false\n"));
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
}
