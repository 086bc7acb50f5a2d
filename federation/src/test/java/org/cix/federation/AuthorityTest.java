package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.cix.core.stats.MissingVersions;
import org.cix.core.sync.BundleBuilder;
import org.cix.core.sync.LoggedVersion;
import org.cix.proto.v1.Bundle;
import org.cix.proto.v1.BundleAck;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.cix.core.ingest.RecordMaker;
import org.cix.core.link.LinkPolicy;
import org.cix.core.link.LinkRole;
import org.cix.core.link.LinkState;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.Sealer;
import org.cix.core.sync.LedgerEntry;
import org.cix.core.synthetic.ExampleRecords;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.core.synthetic.SyntheticDepartments;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.FrontEndKeys;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.admin.NodeReportBuilder;
import org.cix.federation.link.LinkChannels;
import org.cix.federation.link.LinkDirection;
import org.cix.federation.link.LinkStatus;
import org.cix.federation.link.LinkTarget;
import org.cix.federation.server.FederationNode;
import org.cix.federation.server.GrpcServers;
import org.cix.federation.server.ServerLimits;
import org.cix.proto.v1.FederationGrpc;
import org.cix.proto.v1.Hello;
import org.cix.proto.v1.QueryGrpc;
import org.cix.proto.v1.SubjectQuery;
import org.cix.proto.v1.LinkFrame;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may say what about whom (issue 18), tried by honest-looking certified nodes over real mTLS:
 * each attempt is refused with its reason, nothing of it is stored, and the honest links go on.
 */
@Timeout(120)
class AuthorityTest {
  static final Fault SKIPS_ITS_CITY = new Fault(
      "a district (certified by its city) configured to link straight to the national node",
      "refused PERMISSION_DENIED (not a child of the national node: issued by its city); nothing stored; the "
          + "city's link stays up");
  static final Fault FOREIGN_DEPARTMENT = new Fault(
      "a certified district sends a sealed penalty decided and supplied in the name of another district's "
          + "department (made past its own ingest)",
      "the receiver refuses that record (department_outside_origin) and stores the district's honest records");
  static final Fault UNREGISTERED_DEPARTMENT = new Fault(
      "a certified district sends a sealed penalty of one of its own departments that it never registered, and a "
          + "red-list entry of a department registered only for penalties and listings (made past its own ingest)",
      "the receiver refuses each (department_not_registered, department_not_entitled) and stores the honest "
          + "records and the registration; the link stays up");
  static final Fault TWO_PROCESSES = new Fault(
      "two processes present one node identity (a second stream from another instance while the first is open)",
      "the second is refused FAILED_PRECONDITION 'two processes present node X (from A and B)'; the first stream "
          + "goes on; nothing received again, the parent's link shows the reason, the metric counts it");
  static final Fault FRONT_END_CALLING = new Fault(
      "a read front end's certificate (its own key, marked as a front end of node bj) calls the national node",
      "UNAUTHENTICATED on every service: a front end answers, it never calls; nothing answered or audited");
  static final Fault QUERY_OUTSIDER = new Fault(
      "a certified node that is not a neighbour asks the query service directly; a neighbour names another "
          + "node as the asking one",
      "PERMISSION_DENIED with the reason; the audit log names the certified caller and the asker as stated");
  static final Fault REWRITTEN_PATH = new Fault(
      "a compromised relay (a province) forwards versions with the time of the relay before it (its city) moved a "
          + "day back, its bundle signed with its own key, over real mTLS",
      "each such version refused (bad_hop_proof: not what the city's receipt signed); the versions it relays "
          + "unchanged are stored with their path and every relay's receipt");
  static final Fault DROPPED_VERSIONS = new Fault(
      "a compromised relay (a province) forwards some of a district's versions and drops others, then relays the "
          + "district's report",
      "every version it relays is stored; the national node's sync status shows the dropped ones as missing for "
          + "that origin and type (the district's sealed report counts more than is held); the province, which "
          + "holds them all, shows none");
  private static final Duration BOUND = Duration.ofSeconds(30);
  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();
  private TestPki pki;

  @BeforeEach
  void setUp() {
    pki = TestPki.create(dir);
  }

  @Test
  void aDistrictLinkingStraightToTheNationalNode_isRefused_andItsCityStaysLinked() {
    SKIPS_ITS_CITY.inflicted();
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    FederationNode cn = running.start(cnKeys, Optional.empty());
    FederationNode bj = running.start(pki.node("bj", "1101"), Optional.of(cn));
    NodeKeyMaterial chaoyangKeys = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    TestExports.penalties(TestNodes.services(chaoyangKeys), 1, "110105", 5);

    FederationNode chaoyang = running.start(chaoyangKeys, Optional.of(cn));

    await().atMost(BOUND).untilAsserted(() -> {
      LinkStatus link = chaoyang.links().find(LinkDirection.OUTBOUND, "cn").orElseThrow();
      assertThat(link.lastError()).hasValueSatisfying(error -> assertThat(error).contains("PERMISSION_DENIED")
          .contains("node bj-chaoyang is not a child of cn: its certificate was issued by node bj"));
    });
    assertThat(cn.links().find(LinkDirection.INBOUND, "bj-chaoyang")).isEmpty();
    assertThat(TestNodes.services(cnKeys).store().counts().versions()).isZero();
    assertThat(bj.links().find(LinkDirection.OUTBOUND, "cn").map(LinkStatus::state)).contains(LinkState.UP);
  }

  @Test
  void aRecordInAnotherDistrictsName_isRefusedByTheReceiver_andTheHonestOnesAreStored() {
    FOREIGN_DEPARTMENT.inflicted();
    Beijing tree = beijing();
    NodeKeyMaterial bjKeys = tree.bjKeys();
    FederationNode bj = tree.bj();
    NodeKeyMaterial chaoyangKeys = tree.chaoyangKeys();
    NodeServices chaoyang = TestNodes.services(chaoyangKeys);
    RecordVersion forged = storeBypassingIngest(chaoyang, chaoyangKeys);

    running.start(chaoyangKeys, Optional.of(bj));

    NodeServices parent = TestNodes.services(bjKeys);
    await().atMost(BOUND).untilAsserted(() -> assertThat(parent.exchange().ledger(100))
        .anySatisfy(entry -> assertThat(entry.rejects()).containsEntry("department_outside_origin", 1)));
    await().atMost(BOUND).until(() -> parent.store().counts().versions() == 6);
    assertThat(parent.store().history(forged.body().getRecordId())).isEmpty();
    assertThat(parent.exchange().ledger(100)).filteredOn(e -> e.direction() == LedgerEntry.Direction.RECEIVED)
        .flatExtracting(e -> e.rejects().keySet()).containsOnly("department_outside_origin");
  }

  @Test
  void aRecordOfADepartmentTheOriginDidNotRegister_orNotForItsType_isRefusedByTheReceiver() {
    UNREGISTERED_DEPARTMENT.inflicted();
    Beijing tree = beijing();
    NodeKeyMaterial bjKeys = tree.bjKeys();
    FederationNode bj = tree.bj();
    NodeKeyMaterial chaoyangKeys = tree.chaoyangKeys();
    NodeServices chaoyang = TestNodes.services(chaoyangKeys);
    ExampleRecords own = new ExampleRecords(4, "110105");
    RecordVersion unregistered = storeBypassingIngest(chaoyang, chaoyangKeys, "administrative-penalty",
        own.majorPenalty(own.enterprise(), "北京示例有限公司", LocalDate.of(2026, 10, 1), LocalDate.of(2029, 10, 1)));
    Map<String, String> redList = new java.util.LinkedHashMap<>(own.redList(own.enterprise(), "北京守信有限公司",
        LocalDate.of(2026, 10, 1)));
    String market = SyntheticDepartments.uscc("110105", SyntheticDepartments.Kind.MARKET_REGULATION);
    redList.put("awarding_authority_uscc", market);
    redList.put("source_unit_uscc", market);
    RecordVersion notEntitled = storeBypassingIngest(chaoyang, chaoyangKeys, "red-list", redList);

    running.start(chaoyangKeys, Optional.of(bj));

    NodeServices parent = TestNodes.services(bjKeys);
    await().atMost(BOUND).until(() -> parent.store().counts().versions() == 6);
    await().atMost(BOUND).untilAsserted(() -> assertThat(parent.exchange().ledger(100))
        .filteredOn(e -> e.direction() == LedgerEntry.Direction.RECEIVED)
        .flatExtracting(e -> e.rejects().keySet())
        .containsExactlyInAnyOrder("department_not_registered", "department_not_entitled"));
    assertThat(parent.store().history(unregistered.body().getRecordId())).isEmpty();
    assertThat(parent.store().history(notEntitled.body().getRecordId())).isEmpty();
    assertThat(parent.departments().held().values()).as("chaoyang's registration, as it made it").singleElement()
        .satisfies(d -> {
          assertThat(d.node()).isEqualTo("bj-chaoyang");
          assertThat(d.types()).containsExactlyInAnyOrder("administrative-penalty", "serious-dishonesty");
        });
    assertThat(bj.links().find(LinkDirection.INBOUND, "bj-chaoyang").map(LinkStatus::state)).contains(LinkState.UP);
  }

  /** A city with no parent, and its district Chaoyang (not started) holding five honest penalties. */
  private record Beijing(NodeKeyMaterial bjKeys, FederationNode bj, NodeKeyMaterial chaoyangKeys) {}

  private Beijing beijing() {
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    FederationNode bj = running.start(bjKeys, Optional.empty());
    NodeKeyMaterial chaoyangKeys = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    TestExports.penalties(TestNodes.services(chaoyangKeys), 1, "110105", 5);
    return new Beijing(bjKeys, bj, chaoyangKeys);
  }

  /**
   * A serious penalty against a Pudong enterprise "decided by" a Pudong bureau, made and sealed by
   * Chaoyang outside its ingest (which would refuse the row), as a compromised district would.
   */
  private static RecordVersion storeBypassingIngest(NodeServices node, NodeKeyMaterial keys) {
    ExampleRecords pudong = new ExampleRecords(9, "310115");
    String department = PenaltyExports.uscc(new Random(3), '1', '1', "310115");
    Map<String, String> fields = new java.util.LinkedHashMap<>(pudong.majorPenalty(pudong.enterprise(),
        "上海浦东示例有限公司", LocalDate.of(2026, 10, 1), LocalDate.of(2029, 10, 1)));
    fields.put("authority_uscc", department);
    fields.put("source_unit_uscc", department);
    return storeBypassingIngest(node, keys, "administrative-penalty", fields);
  }

  /** A record of {@code type} with {@code fields}, made and sealed by {@code node} outside its ingest. */
  private static RecordVersion storeBypassingIngest(NodeServices node, NodeKeyMaterial keys, String type,
      Map<String, String> fields) {
    RecordMaker maker = new RecordMaker(node.catalog(),
        new NodeIdentity(keys.nodeId(), new Jurisdiction(keys.jurisdiction())), node.ids());
    long now = Clock.systemUTC().millis();
    RecordVersion version = maker.own(node.catalog().type(type).orElseThrow(), fields, node.store(), now);
    node.store().append(new Sealer(keys, Clock.systemUTC()).seal(List.of(version)), now);
    return version;
  }

  @Test
  void twoProcessesPresentingOneNode_theSecondIsRefused_andTheFirstGoesOn() throws Exception {
    TWO_PROCESSES.inflicted();
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    FederationNode cn = running.start(cnKeys, Optional.empty());
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    ManagedChannel channel = LinkChannels.open(bjKeys, new LinkTarget("cn", "127.0.0.1", cn.federationPort(),
        LinkRole.PARENT), ServerLimits.defaults(), Clock.systemUTC(), new AtomicReference<>());
    try {
      LinkStream first = new LinkStream();
      FederationGrpc.newStub(channel).exchange(first).onNext(hello(bjKeys, "instance-a"));
      await().atMost(BOUND).until(() -> first.received.stream().anyMatch(LinkFrame::hasWelcome));

      LinkStream second = new LinkStream();
      FederationGrpc.newStub(channel).exchange(second).onNext(hello(bjKeys, "instance-b"));

      Status refused = second.end();
      assertThat(refused.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(refused.getDescription()).contains("two processes present node bj (from 127.0.0.1:")
          .contains(" and 127.0.0.1:");
      assertThat(first.ended).isNotDone();
      LinkStatus link = cn.links().find(LinkDirection.INBOUND, "bj").orElseThrow();
      assertThat(link.state()).isEqualTo(LinkState.UP);
      assertThat(link.lastError()).hasValueSatisfying(e -> assertThat(e).contains("two processes present node bj"));
      assertThat(cn.links().duplicateIdentities()).isEqualTo(1);
      assertThat(TestNodes.services(cnKeys).exchange().ledger(100)).as("nothing received again, no 'lost data'")
          .isEmpty();
    } finally {
      GrpcServers.stop(channel, Duration.ofSeconds(5));
    }
  }

  @Test
  void theQueryService_answersOnlyNeighbours_andOnlyForThePathTheCallerIsOn() {
    QUERY_OUTSIDER.inflicted();
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    FederationNode cn = running.start(cnKeys, Optional.empty());
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    NodeKeyMaterial chaoyangKeys = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    String subject = new ExampleRecords(4, "110105").person();

    Status outsider = ask(chaoyangKeys, cn, SubjectQuery.newBuilder().setSubjectId(subject).setPurpose("审查")
        .setAskingNode("bj-chaoyang").addPath("bj-chaoyang").build());
    Status forgedPath = ask(bjKeys, cn, SubjectQuery.newBuilder().setSubjectId(subject).setPurpose("审查")
        .setAskingNode("sh-pudong").addPath("sh-pudong").build());
    Status honest = ask(bjKeys, cn, SubjectQuery.newBuilder().setSubjectId(subject).setPurpose("审查")
        .setAsker("朝阳区采购中心").setAskingNode("bj-chaoyang").addPath("bj-chaoyang").addPath("bj").build());

    assertThat(outsider.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(outsider.getDescription()).contains("node bj-chaoyang is not a neighbour of cn");
    assertThat(forgedPath.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(forgedPath.getDescription()).contains("must start at its asking node (sh-pudong) and end at the node "
        + "that sends it (bj)");
    assertThat(honest.getCode()).isEqualTo(Status.Code.OK);
    assertThat(TestNodes.services(cnKeys).audit().after(0, 100)).singleElement().satisfies(e ->
        assertThat(e.event().actor()).isEqualTo("bj for 朝阳区采购中心 at bj-chaoyang (as stated by bj-chaoyang)"));
  }

  @Test
  void aReadFrontEndsCertificate_isRefusedOnEveryCallToANode() {
    FRONT_END_CALLING.inflicted();
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    FederationNode cn = running.start(cnKeys, Optional.empty());
    pki.node("bj", "1101");
    NodeKeyMaterial bjFront = FrontEndKeys.enrol(pki.root(), "bj", "1101", TestPki.VALIDITY,
        pki.dirOf("bj-front"), pki.clock(), staging -> { });
    String subject = new ExampleRecords(4, "110105").person();

    Status asked = ask(bjFront, cn, SubjectQuery.newBuilder().setSubjectId(subject).setPurpose("审查")
        .setAsker("朝阳区采购中心").setAskingNode("bj").addPath("bj").build());

    assertThat(asked.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(asked.getDescription()).contains("a read front end of node bj: a front end answers, it never calls");
    assertThat(TestNodes.services(cnKeys).audit().after(0, 100)).as("nothing answered, nothing audited").isEmpty();
  }

  private static Status ask(NodeKeyMaterial keys, FederationNode node, SubjectQuery query) {
    ManagedChannel channel = LinkChannels.open(keys, new LinkTarget(node.identity().nodeId(), "127.0.0.1",
        node.federationPort(), LinkRole.PARENT), ServerLimits.defaults(), Clock.systemUTC(), new AtomicReference<>());
    try {
      QueryGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).subject(query);
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    } finally {
      GrpcServers.stop(channel, Duration.ofSeconds(5));
    }
  }

  @Test
  void aRelayThatRewritesThePathBeforeIt_isRefused_andWhatItRelaysHonestlyIsStored() throws Exception {
    REWRITTEN_PATH.inflicted();
    Jiangsu tree = jiangsu();
    NodeKeyMaterial cnKeys = tree.cnKeys();
    FederationNode cn = tree.cn();
    NodeKeyMaterial jsKeys = tree.jsKeys();
    TestExports.penalties(TestNodes.services(tree.xuanwuKeys()), 41, "320102", 6);
    NodeServices province = TestNodes.services(jsKeys);
    // the registration of their department first, then the six
    await().atMost(BOUND).until(() -> province.exchange().changesAfter(0, 100).size() == 7);
    List<LoggedVersion> held = province.exchange().changesAfter(0, 100);
    assertThat(held.get(0).hops()).containsExactly("js-nj-xuanwu", "js-nj");
    assertThat(held.get(0).hopProofs()).as("js-nj's receipt, then js's own").hasSize(2);

    // js, compromised, relays three versions as it holds them and three with Nanjing's time moved a day back
    BundleBuilder builder = new BundleBuilder(jsKeys, province.exchange(), TestNodes.CATALOG.version(),
        Clock.systemUTC());
    List<LoggedVersion> backdated = held.subList(3, 6).stream().map(v -> new LoggedVersion(v.seq(), v.recordId(),
        v.version(), v.type(), v.subjectId(), v.originNode(), v.viaNode(), v.body(), v.sha256(), v.proof(), v.hops(),
        List.of(v.hopTimes().get(0), v.hopTimes().get(1) - 86_400_000L), v.storedAtMillis(), v.hopProofs())).toList();
    List<BundleAck> acks = relay(jsKeys, cn, List.of(builder.build("cn", 1, 3, held.subList(0, 3)),
        builder.build("cn", 4, 6, backdated)));

    assertThat(acks.get(0).getAccepted()).isEqualTo(3);
    assertThat(acks.get(1).getAccepted()).isZero();
    assertThat(acks.get(1).getRejectsList()).hasSize(3).allSatisfy(reject -> {
      assertThat(reject.getReasonCode()).isEqualTo("bad_hop_proof");
      assertThat(reject.getDetail()).contains("hop 1 (js-nj at ").contains("is not what its receipt signed");
    });
    NodeServices national = TestNodes.services(cnKeys);
    assertThat(national.store().counts().versions()).isEqualTo(3);
    assertThat(national.exchange().changesAfter(0, 10)).allSatisfy(v -> {
      assertThat(v.hops()).containsExactly("js-nj-xuanwu", "js-nj", "js");
      assertThat(v.hopProofs()).as("js-nj's, js's and cn's own receipts").hasSize(3);
    });
  }

  @Test
  void aRelayThatDropsVersions_isFoundOut_byTheOriginsReport() throws Exception {
    DROPPED_VERSIONS.inflicted();
    Jiangsu tree = jiangsu();
    NodeKeyMaterial cnKeys = tree.cnKeys();
    FederationNode cn = tree.cn();
    NodeKeyMaterial jsKeys = tree.jsKeys();
    FederationNode xuanwu = tree.xuanwu();
    NodeServices district = TestNodes.services(tree.xuanwuKeys());
    TestExports.penalties(district, 43, "320102", 6);
    district.reports().publish(NodeReportBuilder.now(xuanwu.identity(), district, xuanwu.links(), xuanwu.sync(),
        Clock.systemUTC()));
    NodeServices province = TestNodes.services(jsKeys);
    await().atMost(BOUND).until(() -> province.exchange().changesAfter(0, 100).size() == 8);
    List<LoggedVersion> held = province.exchange().changesAfter(0, 100);
    assertThat(held.get(0).type()).isEqualTo("department");
    assertThat(held.get(7).type()).isEqualTo("node-report");

    // js, compromised, relays the registration, the first three penalties and the district's report, and drops three
    BundleBuilder builder = new BundleBuilder(jsKeys, province.exchange(), TestNodes.CATALOG.version(),
        Clock.systemUTC());
    List<BundleAck> acks = relay(jsKeys, cn, List.of(builder.build("cn", 1, 4, held.subList(0, 4)),
        builder.build("cn", 5, 8, held.subList(7, 8))));

    assertThat(acks).extracting(BundleAck::getAccepted).containsExactly(4, 1);
    NodeServices national = TestNodes.services(cnKeys);
    assertThat(MissingVersions.of("cn", national.reports().held(), national.exchange().versionsByOriginAndType()))
        .singleElement().satisfies(m -> {
          assertThat(m.originNode()).isEqualTo("js-nj-xuanwu");
          assertThat(m.type()).isEqualTo("administrative-penalty");
          assertThat(m.reported()).isEqualTo(6);
          assertThat(m.missing()).isEqualTo(3);
        });
    try (AdminClient admin = new AdminClient(cn.adminPort(), TestNodes.TOKEN, BOUND)) {
      assertThat(admin.syncStatus().getMissingList()).singleElement().satisfies(m -> {
        assertThat(m.getOriginNode()).isEqualTo("js-nj-xuanwu");
        assertThat(m.getReported() - m.getHeld()).isEqualTo(3);
      });
    }
    assertThat(MissingVersions.of("js", province.reports().held(), province.exchange().versionsByOriginAndType()))
        .as("the province holds all the district made").isEmpty();
  }

  /** The national node, alone, and a province whose city and district link up to it but which has no parent. */
  private record Jiangsu(NodeKeyMaterial cnKeys, FederationNode cn, NodeKeyMaterial jsKeys, NodeKeyMaterial xuanwuKeys,
      FederationNode xuanwu) {}

  private Jiangsu jiangsu() {
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    FederationNode cn = running.start(cnKeys, Optional.empty());
    NodeKeyMaterial jsKeys = pki.node(pki.caOf("cn"), "js", "32");
    NodeKeyMaterial nanjingKeys = pki.node(pki.caOf("js"), "js-nj", "3201");
    NodeKeyMaterial xuanwuKeys = pki.node(pki.caOf("js-nj"), "js-nj-xuanwu", "320102");
    FederationNode js = running.start(jsKeys, Optional.empty());
    FederationNode nanjing = running.start(nanjingKeys, Optional.of(js));
    return new Jiangsu(cnKeys, cn, jsKeys, xuanwuKeys, running.start(xuanwuKeys, Optional.of(nanjing)));
  }

  /** Opens a stream to {@code to} as {@code keys}' node (a child), sends {@code bundles} and returns their acks. */
  private static List<BundleAck> relay(NodeKeyMaterial keys, FederationNode to, List<Bundle> bundles) {
    ManagedChannel channel = LinkChannels.open(keys, new LinkTarget(to.identity().nodeId(), "127.0.0.1",
        to.federationPort(), LinkRole.PARENT), ServerLimits.defaults(), Clock.systemUTC(), new AtomicReference<>());
    try {
      LinkStream stream = new LinkStream();
      StreamObserver<LinkFrame> requests = FederationGrpc.newStub(channel).exchange(stream);
      requests.onNext(hello(keys, keys.nodeId() + "-instance"));
      await().atMost(BOUND).until(() -> stream.received.stream().anyMatch(LinkFrame::hasWelcome));
      bundles.forEach(bundle -> requests.onNext(LinkFrame.newBuilder().setBundle(bundle).build()));
      await().atMost(BOUND).until(() -> stream.received.stream().filter(LinkFrame::hasAck).count() == bundles.size());
      return stream.received.stream().filter(LinkFrame::hasAck).map(LinkFrame::getAck).toList();
    } finally {
      GrpcServers.stop(channel, Duration.ofSeconds(5));
    }
  }

  private static LinkFrame hello(NodeKeyMaterial keys, String instance) {
    Hello.Builder hello = Hello.newBuilder().setProtocolVersion(LinkPolicy.PROTOCOL_VERSION).setNodeId(keys.nodeId())
        .setJurisdiction(keys.jurisdiction()).setRole(org.cix.proto.v1.LinkRole.LINK_ROLE_CHILD).setInstance(instance);
    DerChains.encode(keys.sealChain()).forEach(der -> hello.addSealChain(ByteString.copyFrom(der)));
    return LinkFrame.newBuilder().setHello(hello).build();
  }
}
