package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.cix.core.node.NodeServices;
import org.cix.core.sync.LinkTotals;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.server.FederationNode;
import org.cix.proto.v1.ExchangeStats;
import org.cix.proto.v1.LinkFlow;
import org.cix.proto.v1.OriginLag;
import org.cix.proto.v1.OriginTotal;
import org.cix.proto.v1.SyncLink;
import org.cix.proto.v1.SyncOverview;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every view of the national node tells the same numbers at the same moment (issue 27): read in a
 * loop while two districts ingest, no view (sync status, statistics) ever shows fewer versions
 * per origin, or records per link, than the store held when the previous read returned; once the
 * flow stops they all give the store's totals, and the same after the node restarts.
 */
@Timeout(180)
class ViewsAgreeTest {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();

  @Test
  void whileRecordsFlow_noViewFallsBehindTheStore_andAfterwardsAllAgree() throws Exception {
    TestTree tree = TestTree.start(TestPki.create(dir), running);
    FederationNode cn = tree.node("cn");
    NodeServices national = tree.services("cn");
    NodeServices chaoyang = tree.services("bj-chaoyang");
    NodeServices huangpu = tree.services("sh-huangpu");
    CompletableFuture<Void> flow = CompletableFuture.allOf(
        CompletableFuture.runAsync(() -> {
          for (int seed = 1; seed <= 6; seed++) {
            TestExports.penalties(chaoyang, seed, "110105", 60);
          }
        }),
        CompletableFuture.runAsync(() -> {
          for (int seed = 11; seed <= 16; seed++) {
            TestExports.penalties(huangpu, seed, "310101", 60);
          }
        }));

    int reads = 0;
    try (AdminClient admin = new AdminClient(cn.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(30))) {
      Map<String, Long> held = byOrigin(national);
      Map<String, LinkTotals> ledger = national.exchange().linkTotals();
      while (!flow.isDone() || reads < 3) {
        SyncOverview status = admin.syncStatus();
        assertAtLeast("sync status, versions per origin", origins(status), held);
        assertAtLeast("sync status, records received per link", receivedPerLink(status), received(ledger));
        held = byOrigin(national);
        ledger = national.exchange().linkTotals();
        ExchangeStats stats = admin.stats(0);
        assertAtLeast("statistics, versions received per origin", lags(stats), withoutSelf(held));
        assertAtLeast("statistics, records received per link", accepted(stats), received(ledger));
        held = byOrigin(national);
        ledger = national.exchange().linkTotals();
        reads++;
      }
      flow.get();
      long atDistricts = ofOrigin(chaoyang, "bj-chaoyang") + ofOrigin(huangpu, "sh-huangpu");
      await().atMost(BOUND).until(() -> {
        Map<String, Long> now = byOrigin(national);
        return now.getOrDefault("bj-chaoyang", 0L) + now.getOrDefault("sh-huangpu", 0L) == atDistricts;
      });
      await().atMost(BOUND).untilAsserted(() -> {
        Map<String, Long> store = byOrigin(national);
        Map<String, Long> links = received(national.exchange().linkTotals());
        SyncOverview status = admin.syncStatus();
        ExchangeStats stats = admin.stats(0);
        assertThat(origins(status)).as("sync status").isEqualTo(store);
        assertThat(lags(stats)).as("statistics").isEqualTo(withoutSelf(store));
        assertThat(receivedPerLink(status)).as("sync status per link").isEqualTo(links);
        assertThat(accepted(stats)).as("statistics per link").isEqualTo(links);
      });
    }
    assertThat(reads).isGreaterThanOrEqualTo(3);

    // the national node restarted: per-link totals and per-origin counts as they were
    SyncOverview before;
    try (AdminClient admin = new AdminClient(cn.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(30))) {
      before = admin.syncStatus();
    }
    int port = cn.federationPort();
    running.stop(cn);
    FederationNode again = running.add(TestNodes.start(tree.keys("cn"), port, java.util.Optional.empty()));
    try (AdminClient admin = new AdminClient(again.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(30))) {
      SyncOverview after = admin.syncStatus();
      assertThat(receivedPerLink(after)).as("per link, across the restart").isEqualTo(receivedPerLink(before))
          .isNotEmpty();
      assertThat(origins(after)).as("per origin, across the restart").isEqualTo(origins(before));
      assertThat(accepted(admin.stats(0))).isEqualTo(receivedPerLink(before));
    }
  }

  private static void assertAtLeast(String view, Map<String, Long> shown, Map<String, Long> heldBefore) {
    heldBefore.forEach((key, count) -> assertThat(shown.getOrDefault(key, 0L))
        .as(view + " for " + key + " (held before the read: " + count + ")").isGreaterThanOrEqualTo(count));
  }

  private static Map<String, Long> byOrigin(NodeServices node) {
    Map<String, Long> totals = new HashMap<>();
    node.exchange().versionsByOrigin().forEach((origin, byVia) ->
        totals.put(origin, byVia.values().stream().mapToLong(Long::longValue).sum()));
    return totals;
  }

  private static Map<String, Long> withoutSelf(Map<String, Long> byOrigin) {
    Map<String, Long> others = new HashMap<>(byOrigin);
    others.remove("cn");
    return others;
  }

  private static long ofOrigin(NodeServices node, String origin) {
    return byOrigin(node).getOrDefault(origin, 0L);
  }

  private static Map<String, Long> origins(SyncOverview status) {
    Map<String, Long> totals = new HashMap<>();
    for (OriginTotal origin : status.getOriginsList()) {
      totals.put(origin.getOriginNode(), origin.getVersions());
    }
    return totals;
  }

  private static Map<String, Long> receivedPerLink(SyncOverview status) {
    Map<String, Long> totals = new HashMap<>();
    for (SyncLink link : status.getLinksList()) {
      totals.put(link.getPeerNodeId(), link.getRecordsReceived());
    }
    return totals;
  }

  private static Map<String, Long> received(Map<String, LinkTotals> ledger) {
    Map<String, Long> totals = new HashMap<>();
    ledger.forEach((peer, t) -> totals.put(peer, t.recordsReceived()));
    return totals;
  }

  private static Map<String, Long> lags(ExchangeStats stats) {
    Map<String, Long> totals = new HashMap<>();
    for (OriginLag lag : stats.getLagsList()) {
      totals.put(lag.getOrigin(), lag.getVersions());
    }
    return totals;
  }

  private static Map<String, Long> accepted(ExchangeStats stats) {
    Map<String, Long> totals = new HashMap<>();
    for (LinkFlow flow : stats.getLinksList()) {
      if (flow.getDirection().equals("received")) {
        totals.merge(flow.getPeer(), flow.getAccepted(), Long::sum);
      }
    }
    return totals;
  }
}
