package org.cix.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.cli.command.TextTable;
import org.cix.cli.command.FederationCommand;
import org.cix.cli.report.HtmlReport;
import org.cix.core.error.CixException;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.NodeStatus;

/**
 * The demo federation: a national root CA, a national node, two cities and two districts under
 * each, every node its own process on loopback with real mutual TLS. Waits until every parent
 * link is up, prints the tree, stops the nodes with SIGTERM and checks they exit cleanly.
 */
public final class DemoFederation {
  private final Path dir;
  private final PrintWriter out;
  private final Duration linkTimeout;
  private final Clock clock = Clock.systemUTC();

  public DemoFederation(Path dir, PrintWriter out, Duration linkTimeout) {
    this.dir = dir;
    this.out = out;
    this.linkTimeout = linkTimeout;
  }

  /** Runs the demo; returns true when every link came up and every node stopped cleanly. */
  public boolean run() throws IOException, InterruptedException {
    long started = System.nanoTime();
    DemoCluster cluster = new DemoCluster(dir, out, Optional.of(Duration.ofSeconds(5)), Optional.empty());
    List<DemoNode> tree = cluster.tree();
    cluster.createPki();
    out.printf("PKI and configuration for %d nodes written to %s%n", tree.size(), dir);
    boolean linked = false;
    try {
      cluster.startAll();
      out.printf("%d node processes listening after %.1f s; waiting for links...%n",
          tree.size(), DemoCluster.seconds(started));
      Map<String, AdminClient> clients = cluster.clients();
      Map<String, NodeStatus> statuses = cluster.awaitLinks(linkTimeout, started);
      linked = true;
      out.println();
      printTree(tree, statuses);
      out.println();
      List<DemoNode> districts = tree.stream().filter(n -> n.depth() == 2).toList();
      DemoExports exports = new DemoExports(dir, out);
      long stored = exports.ingestAtDistricts(districts, clients);
      out.println();
      DemoSync sync = new DemoSync(dir, out);
      sync.awaitNational(clients.get(tree.get(0).id()), stored);
      out.println();
      exports.showProfile(districts.get(1), 1, tree.get(0).id(), clients.get(tree.get(0).id()));
      out.println();
      exports.showQuality(districts.get(1), clients.get(districts.get(1).id()));
      out.println();
      DemoNode lister = districts.get(1);
      String listed = sync.listEverywhere(lister.id(), lister.jurisdiction(), clients);
      out.println();
      new DemoDiscipline(out).show(listed, sync.representativeListedAt(lister.id()), lister.id(),
          lister.jurisdiction(), DemoSync.FARTHEST, clients);
      out.println();
      new DemoDepartments(out).show(districts.get(0), tree.stream().filter(n -> n.id().equals(DemoSync.FARTHEST))
          .findFirst().orElseThrow(), listed, cluster, clients);
      out.println();
      new DemoPackage(dir, out).show(listed, DemoSync.FARTHEST, clients.get(DemoSync.FARTHEST),
          dir.resolve("pki").resolve("root").resolve("root.crt"));
      out.println();
      new DemoCorrections(out).show(listed, lister.id(), DemoSync.FARTHEST, clients);
      out.println();
      showFederation(clients.get(tree.get(0).id()), tree.get(0).id(), tree.size());
      out.println();
      writeReport(clients.get(tree.get(0).id()), tree.get(0).id());
    } catch (CixException e) {
      out.println("demo failed: " + e.getMessage());
    } finally {
      linked &= cluster.stopAll();
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
        national.stats(0), national.quality().departments(), national.federation(), java.time.Instant.now())));
    out.printf("the national node's report (cix report --config conf/%s.yaml --out report.html): %s%n", id,
        report.toAbsolutePath());
  }

  private void printTree(List<DemoNode> tree, Map<String, NodeStatus> statuses) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NODE", "LEVEL", "JURISDICTION", "PORT", "LINK TO PARENT"});
    DemoNode top = tree.stream().filter(n -> n.parent().isEmpty()).findFirst().orElseThrow();
    addRows(tree, top, "", "", statuses, clock.millis(), rows);
    TextTable.print(rows, out);
  }

  /** Depth first, drawing the branches: {@code lead} for this node, {@code indent} for its children. */
  private void addRows(List<DemoNode> tree, DemoNode node, String lead, String indent,
      Map<String, NodeStatus> statuses, long now, List<String[]> rows) {
    NodeStatus status = statuses.get(node.id());
    String link = node.parent().flatMap(p -> DemoCluster.parentLink(status, p))
        .map(l -> TextTable.word(l.getState(), "LINK_STATE_") + " to " + l.getPeerNodeId()
            + " (handshake " + TextTable.duration(now - l.getLastHandshakeMillis()) + " ago)")
        .orElse("-");
    String code = status.getJurisdiction().isEmpty() ? "national" : status.getJurisdiction();
    rows.add(new String[] {lead + node.id(), status.getLevel(), code + " " + status.getJurisdictionName(),
        Integer.toString(status.getFederationPort()), link});
    List<DemoNode> children = tree.stream().filter(n -> n.parent().equals(Optional.of(node.id()))).toList();
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      addRows(tree, children.get(i), indent + (last ? "└─ " : "├─ "), indent + (last ? "   " : "│  "), statuses,
          now, rows);
    }
  }
}
