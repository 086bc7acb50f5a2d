package org.cix.federation;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cix.core.link.LinkRole;
import org.cix.core.node.NodeServices;
import org.cix.core.sync.LedgerEntry;
import org.cix.core.synthetic.TestExports;
import org.cix.core.sync.LoggedVersion;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.link.LinkTarget;
import org.cix.federation.server.FederationNode;
import org.cix.storage.Database;
import org.cix.proto.v1.Subscription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync between real nodes on loopback: real mTLS, real stores (H2; the national node on the
 * engine the subclass names).
 */
@Timeout(180)
abstract class SyncContract {
  static final Fault SMALL_LIMIT = new Fault(
      "a receiver with a small message limit",
      "senders cut bundles to fit (half the limit)");
  static final Fault PARENT_STOPPED = new Fault(
      "the parent stopped while its child keeps ingesting",
      "the child's backlog grows, then drains in change-log order after the parent returns");
  static final Fault CHILD_LOST_DATA = new Fault(
      "a child that lost its data, restarted empty",
      "the parent sees its change log end below its cursor, says so in the log and the ledger, "
          + "and receives the new log from the start");
  private static final Duration BOUND = Duration.ofSeconds(60);
  @TempDir Path dir;
  private TestPki pki;
  @RegisterExtension final RunningNodes running = new RunningNodes();

  /** The engine of the national node's store. */
  abstract Database.Engine nationalEngine();

  private NodeKeyMaterial national() {
    NodeKeyMaterial keys = pki.node("cn", "");
    TestNodes.services(keys, nationalEngine());
    return keys;
  }

  @BeforeEach
  void setUp() {
    pki = TestPki.create(dir);
  }


  private static List<LoggedVersion> log(NodeKeyMaterial keys) {
    return TestNodes.services(keys).exchange().changesAfter(0, 1_000_000);
  }

  private static Map<String, Long> typesHeld(NodeKeyMaterial keys) {
    return log(keys).stream().collect(Collectors.groupingBy(LoggedVersion::type, Collectors.counting()));
  }

  @Test
  void tree_districtRecordsReachNationalExactlyOnce_andListEntriesReachEveryNode() {
    NodeKeyMaterial cnKeys = national();
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    NodeKeyMaterial shKeys = pki.node("sh", "3101");
    NodeKeyMaterial dongchengKeys = pki.node(pki.caOf("bj"), "bj-dongcheng", "110101");
    NodeKeyMaterial chaoyangKeys = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    NodeKeyMaterial huangpuKeys = pki.node(pki.caOf("sh"), "sh-huangpu", "310101");
    FederationNode cn = running.start(cnKeys, Optional.empty());
    FederationNode bj = running.start(bjKeys, Optional.of(cn));
    FederationNode sh = running.start(shKeys, Optional.of(cn));
    running.start(dongchengKeys, Optional.of(bj));
    running.start(chaoyangKeys, Optional.of(bj));
    running.start(huangpuKeys, Optional.of(sh));

    assertThat(TestExports.penalties(TestNodes.services(chaoyangKeys), 1, "110105", 300)).isEqualTo(300);
    assertThat(TestExports.penalties(TestNodes.services(huangpuKeys), 2, "310101", 200)).isEqualTo(200);
    assertThat(TestExports.listings(TestNodes.services(chaoyangKeys), 3, "110105", 1, 5)).isEqualTo(5);

    await().atMost(BOUND).untilAsserted(() -> {
      // every node holds both districts' registrations of their departments
      assertThat(typesHeld(cnKeys)).isEqualTo(Map.of("administrative-penalty", 500L, "serious-dishonesty", 5L,
          "department", 2L));
      assertThat(typesHeld(dongchengKeys)).isEqualTo(Map.of("serious-dishonesty", 5L, "department", 2L));
      assertThat(typesHeld(huangpuKeys)).isEqualTo(Map.of("administrative-penalty", 200L, "serious-dishonesty", 5L,
          "department", 2L));
      assertThat(typesHeld(shKeys)).isEqualTo(Map.of("administrative-penalty", 200L, "serious-dishonesty", 5L,
          "department", 2L));
      assertThat(typesHeld(bjKeys)).isEqualTo(Map.of("administrative-penalty", 300L, "serious-dishonesty", 5L,
          "department", 2L));
    });
    // exactly once: one version per record at the national node, each with its path through the tree
    NodeServices national = TestNodes.services(cnKeys);
    assertThat(national.store().counts().records()).isEqualTo(507);
    assertThat(national.store().counts().versions()).isEqualTo(507);
    assertThat(log(cnKeys)).allSatisfy(v -> assertThat(v.hops()).containsAnyOf("bj", "sh"));
    LoggedVersion fromChaoyang = log(cnKeys).stream().filter(v -> v.originNode().equals("bj-chaoyang")
        && v.type().equals("administrative-penalty")).findFirst()
        .orElseThrow();
    assertThat(fromChaoyang.hops()).containsExactly("bj-chaoyang", "bj");
    assertThat(fromChaoyang.viaNode()).isEqualTo("bj");
    assertThat(national.profiles().history(fromChaoyang.recordId())).singleElement().satisfies(v -> {
      assertThat(v.stored().provenance().hops()).containsExactly("bj-chaoyang", "bj");
      assertThat(v.sealCheck()).isEqualTo("verified");
    });
    LoggedVersion listAtHuangpu = log(huangpuKeys).stream().filter(v -> v.type().equals("serious-dishonesty"))
        .findFirst().orElseThrow();
    assertThat(listAtHuangpu.hops()).containsExactly("bj-chaoyang", "bj", "cn", "sh");
    // the ledgers agree with what arrived, and the seals of records from elsewhere verify
    long receivedByCn = national.exchange().ledger(10_000).stream()
        .filter(e -> e.direction() == LedgerEntry.Direction.RECEIVED).mapToLong(LedgerEntry::accepted).sum();
    assertThat(receivedByCn).isEqualTo(507);
    await().atMost(BOUND).untilAsserted(() -> assertThat(TestNodes.services(bjKeys).exchange().cursor("cn")
        .sentAcked()).isEqualTo(TestNodes.services(bjKeys).exchange().head()));
    String subject = fromChaoyang.subjectId();
    assertThat(national.profiles().profile(subject).entries()).isNotEmpty()
        .allSatisfy(e -> assertThat(e.sealCheck()).isEqualTo("verified"));
    assertThat(bj.sync().services().store().linkTotals().get("cn").recordsSent()).as("chaoyang's and its registration").isEqualTo(306);
    assertThat(sh.sync().services().store().linkTotals().get("cn").recordsReceived()).as("the listings, chaoyang's registration")
        .isEqualTo(6);
  }

  @Test
  void peers_receiveOnlyWhatTheySubscribeTo() {
    pki.node("bj", "1101");
    NodeKeyMaterial dongchengKeys = pki.node(pki.caOf("bj"), "bj-dongcheng", "110101");
    NodeKeyMaterial chaoyangKeys = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    Subscription listsOnly = Subscription.newBuilder().addTypes("serious-dishonesty").build();
    // bj-chaoyang has the lower id and dials; bj-dongcheng states its subscription in its Welcome
    FederationNode dongcheng = TestNodes.startWithPeers(dongchengKeys, 0,
        List.of(new LinkTarget("bj-chaoyang", "127.0.0.1", 1, LinkRole.PEER, listsOnly)));
    running.add(dongcheng);
    running.add(TestNodes.startWithPeers(chaoyangKeys, 0,
        List.of(TestNodes.peerTarget("bj-dongcheng", dongcheng.federationPort()))));

    TestExports.penalties(TestNodes.services(chaoyangKeys), 11, "110105", 40);
    TestExports.listings(TestNodes.services(chaoyangKeys), 12, "110105", 1, 3);
    TestExports.penalties(TestNodes.services(dongchengKeys), 13, "110101", 20);

    await().atMost(BOUND).untilAsserted(() -> {
      // registrations pass every subscription: the listings need them
      assertThat(typesHeld(dongchengKeys)).isEqualTo(Map.of("administrative-penalty", 20L, "serious-dishonesty", 3L,
          "department", 2L));
      assertThat(typesHeld(chaoyangKeys)).isEqualTo(Map.of("administrative-penalty", 60L, "serious-dishonesty", 3L,
          "department", 2L));
    });
    assertThat(log(dongchengKeys)).filteredOn(v -> v.originNode().equals("bj-chaoyang"))
        .allSatisfy(v -> assertThat(v.type()).isIn("serious-dishonesty", "department"));
  }

  @Test
  void linkDown_buildsABacklog_thatDrainsInOrderAfterReconnect() {
    PARENT_STOPPED.inflicted();
    NodeKeyMaterial cnKeys = national();
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    FederationNode cn = running.start(cnKeys, Optional.empty());
    int cnPort = cn.federationPort();
    running.start(bjKeys, Optional.of(cn));
    TestExports.penalties(TestNodes.services(bjKeys), 21, "110105", 50);
    // with the registrations of their departments: one per district
    await().atMost(BOUND).untilAsserted(() -> assertThat(log(cnKeys)).hasSize(51));

    running.stop(cn);
    TestExports.penalties(TestNodes.services(bjKeys), 22, "110108", 400);
    TestExports.penalties(TestNodes.services(bjKeys), 23, "110101", 300);
    NodeServices bj = TestNodes.services(bjKeys);
    assertThat(bj.exchange().cursor("cn").sentAcked()).isEqualTo(51);
    assertThat(bj.exchange().head()).isEqualTo(753);

    FederationNode again = TestNodes.start(cnKeys, cnPort, Optional.empty());
    running.add(again);
    assertThat(again.sync().services().store().linkTotals().get("bj").recordsReceived())
        .as("counted before the restart")
        .isGreaterThanOrEqualTo(51);
    await().atMost(BOUND).untilAsserted(() -> assertThat(log(cnKeys)).hasSize(753));
    await().atMost(BOUND).untilAsserted(() -> assertThat(again.sync().services().store().linkTotals().get("bj")
        .recordsReceived())
        .as("per-link totals go on across the restart (issue 27)").isEqualTo(753));
    List<String> sentOrder = log(bjKeys).stream().map(LoggedVersion::sha256).map(org.cix.crypto.hash.Hashes::hex)
        .toList();
    List<String> arrivalOrder = log(cnKeys).stream().map(LoggedVersion::sha256).map(org.cix.crypto.hash.Hashes::hex)
        .toList();
    assertThat(arrivalOrder).isEqualTo(sentOrder);
    assertThat(TestNodes.services(cnKeys).exchange().cursor("bj").received()).isEqualTo(753);
  }

  @Test
  void aReceiverWithASmallMessageLimit_getsBundlesThatFit() {
    SMALL_LIMIT.inflicted();
    NodeKeyMaterial cnKeys = national();
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    FederationNode cn = running.add(TestNodes.start(cnKeys, Optional.empty(), 256 * 1024));
    running.start(bjKeys, Optional.of(cn));

    TestExports.penalties(TestNodes.services(bjKeys), 31, "110105", 1_000);

    await().atMost(BOUND).untilAsserted(() -> assertThat(log(cnKeys)).hasSize(1_001));
    assertThat(TestNodes.services(cnKeys).exchange().ledger(10_000))
        .filteredOn(e -> e.direction() == LedgerEntry.Direction.RECEIVED && e.items() > 0)
        .hasSizeGreaterThan(5)
        .allSatisfy(e -> assertThat(e.bytes()).isLessThanOrEqualTo(128 * 1024));
  }

  @Test
  void aChildThatLostItsData_isHeardAgainFromTheStart() {
    CHILD_LOST_DATA.inflicted();
    NodeKeyMaterial cnKeys = national();
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    FederationNode cn = running.start(cnKeys, Optional.empty());
    FederationNode bj = running.start(bjKeys, Optional.of(cn));
    TestExports.penalties(TestNodes.services(bjKeys), 41, "110105", 30);
    await().atMost(BOUND).untilAsserted(() -> assertThat(log(cnKeys)).hasSize(31)); // and the registration

    running.stop(bj);
    TestNodes.wipe(bjKeys);
    running.start(bjKeys, Optional.of(cn));
    TestExports.penalties(TestNodes.services(bjKeys), 42, "110108", 10);

    await().atMost(BOUND).untilAsserted(() -> assertThat(log(cnKeys)).hasSize(42));
    assertThat(TestNodes.services(cnKeys).exchange().cursor("bj").received()).isEqualTo(11);
    assertThat(TestNodes.services(cnKeys).exchange().ledger(100)).anySatisfy(e ->
        assertThat(e.error()).hasValueSatisfying(m -> assertThat(m).contains("lost data")));
  }
}
