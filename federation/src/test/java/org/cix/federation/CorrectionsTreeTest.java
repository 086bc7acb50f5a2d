package org.cix.federation;

import org.cix.core.record.ChinaDate;
import org.cix.core.record.RecordFields;
import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.audit.AuditChain;
import org.cix.core.correction.CorrectionRequest;
import org.cix.core.correction.Outcome;
import org.cix.core.correction.WorkingDays;
import org.cix.core.error.CixException;
import org.cix.core.node.NodeServices;
import org.cix.core.store.StoredVersion;
import org.cix.core.sync.LoggedVersion;
import org.cix.core.synthetic.ExampleRecords;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.CheckRequest;
import org.cix.proto.v1.CheckResult;
import org.cix.proto.v1.CorrectionInfo;
import org.cix.proto.v1.DecideCorrectionRequest;
import org.cix.proto.v1.Decision;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.FileCorrectionRequest;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.RecordStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objections and credit repair across the three-level tree over mTLS: filed at a district of the
 * other city, routed to the record's origin, flagged on every node that holds the record, decided
 * at the origin only, and the decision back at the filing node with the new version everywhere.
 */
@Timeout(180)
class CorrectionsTreeTest {
  static final Fault FORGED_DECISION = new Fault(
      "a decision on an objection forged by a sibling district; a decision attempted at a node "
          + "that is not the origin",
      "ignored at every node it reaches (logged) / refused; the request stays open until the "
          + "origin decides");
  static final Fault ORIGIN_DOWN = new Fault(
      "an objection filed while the record's origin is stopped",
      "it waits in the parent's change log; when the origin starts again it receives it, and "
          + "the record's flag reaches the filing node");
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final String[] EVERY_NODE = {"cn", "bj", "sh", "bj-chaoyang", "bj-dongcheng", "sh-huangpu"};

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();
  private TestTree tree;

  @BeforeEach
  void startTree() {
    tree = TestTree.start(TestPki.create(dir), running);
  }

  @Test
  void objectionAtTheOtherCity_flagsTheListingEverywhere_onlyTheOriginDecides_revocationEndsTheRestriction() {
    FORGED_DECISION.inflicted();
    NodeServices chaoyang = tree.services("bj-chaoyang");
    Listing entry = listAtChaoyang(51, true);
    String listed = entry.subject();
    String listing = entry.record();

    CorrectionInfo filed;
    try (AdminClient atHuangpu = admin("sh-huangpu")) {
      filed = atHuangpu.corrections().file(FileCorrectionRequest.newBuilder().setKind("OBJECTION").setSubjectId(listed)
          .setRecordId(listing).setReason("该企业已于名单认定前整改完毕，认定事实有误").setEvidence("整改验收报告 2026-031")
          .setContact("13800000000").setFiledBy("上海市黄浦区信用中心 窗口 李明").build());
    }
    LocalDate today = ChinaDate.today(Clock.systemUTC());
    assertThat(filed.getState()).isEqualTo("OPEN");
    assertThat(filed.getOriginNode()).isEqualTo("bj-chaoyang");
    assertThat(filed.getFilingNode()).isEqualTo("sh-huangpu");
    assertThat(filed.getDecidedHere()).isFalse();
    assertThat(filed.getDueOn()).isEqualTo(WorkingDays.after(today, 10).toString());
    String id = filed.getId();

    for (String node : EVERY_NODE) {
      await().atMost(BOUND).untilAsserted(() -> assertThat(current(node, listing).getObjection())
          .as("the listing under objection at %s", node).isEqualTo(id));
    }
    assertThat(current("sh-huangpu", listing).getOriginNode()).as("the flag is the origin's version")
        .isEqualTo("bj-chaoyang");
    try (AdminClient atHuangpu = admin("sh-huangpu")) {
      CheckResult flagged = atHuangpu.check(check(listed));
      assertThat(flagged.getDecision()).as("a record under objection still counts until decided")
          .isEqualTo(Decision.DECISION_RESTRICT);
      assertThat(flagged.getFindings(0).getRecord().getObjection()).isEqualTo(id);
      assertThatThrownBy(() -> atHuangpu.corrections().decide(decide(id, "REVOKED")))
          .isInstanceOfSatisfying(CixException.class,
              e -> assertThat(e.kind()).isEqualTo(CixException.Kind.PERMISSION_DENIED))
          .hasMessageContaining("only the record's origin, node bj-chaoyang, decides request " + id);
    }

    forgeDecision(tree.services("bj-dongcheng"), chaoyang.corrections().get(id).orElseThrow());
    await().atMost(BOUND).until(() -> holdsType("sh-huangpu", listed, "correction-decision"));
    tree.services("sh-huangpu").corrections().follow();
    assertThat(tree.services("sh-huangpu").corrections().get(id).orElseThrow().open())
        .as("a decision by a node that is not the origin is refused").isTrue();

    CorrectionInfo decided;
    try (AdminClient atChaoyang = admin("bj-chaoyang")) {
      assertThatThrownBy(() -> atChaoyang.corrections().decide(decide(id, "REPAIRED")))
          .hasMessageContaining("'REPAIRED' is not an outcome of objection requests (UPHELD, CORRECTED, REVOKED)");
      decided = atChaoyang.corrections().decide(decide(id, "REVOKED"));
      assertThatThrownBy(() -> atChaoyang.corrections().decide(decide(id, "UPHELD")))
          .isInstanceOfSatisfying(CixException.class,
              e -> assertThat(e.kind()).isEqualTo(CixException.Kind.PRECONDITION_FAILED))
          .hasMessageContaining("was decided already: REVOKED");
    }
    assertThat(decided.getState()).isEqualTo("REVOKED");
    assertThat(decided.getRecordVersion()).isEqualTo(3);

    for (String node : EVERY_NODE) {
      await().atMost(BOUND).untilAsserted(() -> assertThat(current(node, listing).getStatus())
          .as("revoked at %s", node).isEqualTo(RecordStatus.RECORD_STATUS_REVOKED));
      try (AdminClient client = admin(node)) {
        CheckResult after = client.check(check(listed));
        assertThat(after.getDecision()).as("no restriction at %s", node).isEqualTo(Decision.DECISION_NONE);
        assertThat(after.getFindings(0).getLapsed()).isEqualTo("revoked");
        assertThat(after.getFindings(0).getRecord().getObjection()).isEmpty();
      }
    }
    await().atMost(BOUND).untilAsserted(() -> assertThat(tree.services("sh-huangpu").corrections().get(id)
        .flatMap(CorrectionRequest::outcome)).as("the filing node shows the outcome").contains(Outcome.REVOKED));
    assertThat(tree.services("bj-dongcheng").corrections().get(id).map(CorrectionRequest::open))
        .as("the decision goes up and to the filing node only").isEmpty();

    assertThat(actions(chaoyang)).contains("objection.decide");
    assertThat(actions(tree.services("sh-huangpu"))).contains("objection.file");
    assertThat(AuditChain.verify(chaoyang.audit(), "bj-chaoyang").intact()).isTrue();
  }

  @Test
  void objectionFiledWhileTheOriginIsDown_isDeliveredWhenItReturns() {
    ORIGIN_DOWN.inflicted();
    NodeServices chaoyang = tree.services("bj-chaoyang");
    Listing entry = listAtChaoyang(52, true);
    String listed = entry.subject();
    String listing = entry.record();
    running.stop(tree.node("bj-chaoyang"));

    String id;
    try (AdminClient atHuangpu = admin("sh-huangpu")) {
      id = atHuangpu.corrections().file(FileCorrectionRequest.newBuilder().setKind("OBJECTION").setSubjectId(listed)
          .setRecordId(listing).setReason("主体名称错误").setFiledBy("窗口 李明").build()).getId();
    }
    await().atMost(BOUND).until(() -> tree.services("bj").corrections().get(id).isPresent());
    assertThat(chaoyang.corrections().get(id)).as("the origin is down").isEmpty();

    running.start(tree.keys("bj-chaoyang"), Optional.of(tree.node("bj")));

    await().atMost(BOUND).until(() -> chaoyang.corrections().get(id).isPresent());
    await().atMost(BOUND).untilAsserted(() -> assertThat(current("sh-huangpu", listing).getObjection()).isEqualTo(id));
  }

  @Test
  void repair_isRefusedBeforeTheMinimumPeriodWithTheDate_andOnceApprovedEndsThePenaltysPublicityEverywhere() {
    NodeServices chaoyang = tree.services("bj-chaoyang");
    LocalDate today = ChinaDate.today(Clock.systemUTC());
    ExampleRecords examples = new ExampleRecords(53, "110105");
    String recent = examples.enterprise();
    String older = examples.enterprise();
    LocalDate recentDecision = today.minusMonths(1);
    TestExports.keyed(chaoyang, "administrative-penalty", List.of(
        examples.majorPenalty(recent, "北京近期处罚示例有限公司", recentDecision, today.plusYears(2)),
        examples.majorPenalty(older, "北京整改完毕示例有限公司", today.minusMonths(4), today.plusYears(2))));
    String recentPenalty = recordOf(chaoyang, recent);
    String olderPenalty = recordOf(chaoyang, older);
    await().atMost(BOUND).until(() -> !tree.services("cn").store().history(olderPenalty).isEmpty());

    try (AdminClient atHuangpu = admin("sh-huangpu")) {
      assertThatThrownBy(() -> atHuangpu.corrections().file(repair(recent, recentPenalty)))
          .isInstanceOfSatisfying(CixException.class,
              e -> assertThat(e.kind()).isEqualTo(CixException.Kind.PRECONDITION_FAILED))
          .hasMessageContaining("is possible from " + recentDecision.plusMonths(3));
      CorrectionInfo filed = atHuangpu.corrections().file(repair(older, olderPenalty));
      assertThat(filed.getOriginNode()).as("found through the parent: penalties do not come down")
          .isEqualTo("bj-chaoyang");
      await().atMost(BOUND).until(() -> chaoyang.corrections().get(filed.getId()).isPresent());
      assertThat(current("bj-chaoyang", olderPenalty).getObjection()).as("repair does not flag the record").isEmpty();

      try (AdminClient atChaoyang = admin("bj-chaoyang")) {
        assertThat(atChaoyang.check(check(older)).getDecision()).isEqualTo(Decision.DECISION_RESTRICT);
        CorrectionInfo repaired = atChaoyang.corrections().decide(decide(filed.getId(), "REPAIRED"));
        assertThat(repaired.getState()).isEqualTo("REPAIRED");
        assertThat(current("bj-chaoyang", olderPenalty).getStatus()).isEqualTo(RecordStatus.RECORD_STATUS_REPAIRED);
        assertThat(atChaoyang.subject(older).getRecordsList()).filteredOn(r -> r.getRecordId().equals(olderPenalty))
            .singleElement().satisfies(r -> assertThat(r.getPublicNow()).as("no longer public").isFalse());
        assertThat(atChaoyang.check(check(older)).getDecision())
            .as("procurement looks back 3 years from the decision (政府采购法实施条例 第十九条): repair ends the "
                + "publicity, not the record").isEqualTo(Decision.DECISION_RESTRICT);
      }
      await().atMost(BOUND).untilAsserted(() -> assertThat(current("cn", olderPenalty).getStatus())
          .isEqualTo(RecordStatus.RECORD_STATUS_REPAIRED));
      assertThat(tree.services("cn").store().history(olderPenalty)).as("kept for audit").hasSize(2);
      await().atMost(BOUND).untilAsserted(() -> assertThat(atHuangpu.corrections().show(filed.getId()).getState())
          .isEqualTo("REPAIRED"));
    }
  }

  @Test
  void correction_makesANewVersionWithTheCorrectedField_identifyingFieldsCannotChange() {
    Listing entry = listAtChaoyang(54, false);
    String listed = entry.subject();
    String listing = entry.record();
    try (AdminClient atChaoyang = admin("bj-chaoyang")) {
      String id = atChaoyang.corrections().file(FileCorrectionRequest.newBuilder().setKind("OBJECTION")
          .setSubjectId(listed).setRecordId(listing).setReason("名称有误").setFiledBy("窗口").build()).getId();
      assertThat(current("bj-chaoyang", listing).getObjection()).as("filed at the origin: flagged at once")
          .isEqualTo(id);
      assertThatThrownBy(() -> atChaoyang.corrections().decide(decide(id, "CORRECTED").toBuilder()
          .addCorrections(Field.newBuilder().setKey("listing_doc_number").setValue("另一文号")).build()))
          .hasMessageContaining("may not change the fields that identify the record");
      assertThatThrownBy(() -> atChaoyang.corrections().decide(decide(id, "CORRECTED").toBuilder()
          .addCorrections(Field.newBuilder().setKey("listing_date").setValue("not a date")).build()))
          .hasMessageContaining("listing_date");
      CorrectionInfo corrected = atChaoyang.corrections().decide(decide(id, "CORRECTED").toBuilder()
          .addCorrections(Field.newBuilder().setKey("subject_name").setValue("北京更正后名称有限公司")).build());
      assertThat(corrected.getState()).isEqualTo("CORRECTED");
    }
    RecordBody now = current("bj-chaoyang", listing);
    assertThat(now.getVersion()).isEqualTo(3);
    assertThat(now.getStatus()).isEqualTo(RecordStatus.RECORD_STATUS_ACTIVE);
    assertThat(now.getObjection()).isEmpty();
    assertThat(RecordFields.field(now.getFieldsList(), "subject_name")).contains("北京更正后名称有限公司");
    await().atMost(BOUND).untilAsserted(() -> assertThat(current("sh-huangpu", listing).getVersion()).isEqualTo(3));
  }

  private record Listing(String subject, String record) {}

  /** One serious-dishonesty entry listed at bj-chaoyang; with {@code reachHuangpu}, once sh-huangpu holds it. */
  private Listing listAtChaoyang(long seed, boolean reachHuangpu) {
    NodeServices chaoyang = tree.services("bj-chaoyang");
    TestExports.listings(chaoyang, seed, "110105", 1, 1);
    LoggedVersion listed = TestExports.first(chaoyang, "serious-dishonesty");
    if (reachHuangpu) {
      await().atMost(BOUND).until(() -> !tree.services("sh-huangpu").store().history(listed.recordId()).isEmpty());
    }
    return new Listing(listed.subjectId(), listed.recordId());
  }

  /** A decision on {@code request} made by a node that is not the record's origin. */
  private static void forgeDecision(NodeServices forger, CorrectionRequest request) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("subject_id", request.subjectId());
    row.put("request_id", request.id());
    row.put("kind", "OBJECTION");
    row.put("record_id", request.recordId());
    row.put("outcome", "REVOKED");
    row.put("decided_by", "forger");
    row.put("decided_on", "2026-11-27");
    row.put("deciding_node", "bj-dongcheng");
    row.put("filing_jurisdiction", "310101");
    TestExports.keyed(forger, "correction-decision", List.of(row));
  }

  private boolean holdsType(String node, String subject, String type) {
    return tree.services(node).store().currentOfSubject(subject).stream()
        .anyMatch(v -> v.version().body().getType().equals(type));
  }

  private RecordBody current(String node, String recordId) {
    List<StoredVersion> history = tree.services(node).store().history(recordId);
    return history.get(history.size() - 1).version().body();
  }

  private static String recordOf(NodeServices node, String subject) {
    return node.store().currentOfSubject(subject).get(0).version().recordId();
  }

  private static List<String> actions(NodeServices node) {
    return node.audit().after(0, 100).stream().map(e -> e.event().action()).toList();
  }

  private AdminClient admin(String node) {
    return new AdminClient(tree.node(node).adminPort(), TestNodes.TOKEN, BOUND);
  }

  private static FileCorrectionRequest repair(String subject, String record) {
    return FileCorrectionRequest.newBuilder().setKind("REPAIR").setSubjectId(subject).setRecordId(record)
        .setReason("信用修复").setConditions("罚款已缴清; 已签署信用承诺书").setFiledBy("上海市黄浦区信用中心").build();
  }

  private static DecideCorrectionRequest decide(String id, String outcome) {
    return DecideCorrectionRequest.newBuilder().setId(id).setOutcome(outcome).setNote("经核查").setDecidedBy(
        "北京市朝阳区市场监督管理局").build();
  }

  private static CheckRequest check(String subject) {
    return CheckRequest.newBuilder().setSubjectId(subject).setAction("public-procurement.bid").setAsker("采购科")
        .setPurpose("投标资格审查").build();
  }
}
