package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.cix.core.discipline.CheckEntry;
import org.cix.core.discipline.Decision;
import org.cix.core.error.CixException;
import org.cix.core.node.NodeServices;
import org.cix.core.record.RecordFields;
import org.cix.core.sync.LoggedVersion;
import org.cix.core.synthetic.ExampleRecords;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.server.FederationNode;
import org.cix.proto.v1.CheckFinding;
import org.cix.proto.v1.CheckRequest;
import org.cix.proto.v1.CheckResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Break faith once, be limited everywhere", on a real tree over mTLS: a listing at one city's
 * district restricts the subject at the other city's district, with the measure, the listing
 * department and a verified proof of origin; checks go through the admin service and are recorded.
 */
@Timeout(120)
class JointDisciplineTreeTest {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();
  private TestTree tree;


  @BeforeEach
  void startTree() {
    tree = TestTree.start(TestPki.create(dir), running);
  }

  @Test
  void listingAtOneDistrict_restrictsAtTheOtherCitysDistrict_redListGivesIncentive_expiredPenaltyNothing() {
    NodeKeyMaterial huangpuKeys = tree.keys("sh-huangpu");
    FederationNode chaoyangNode = tree.node("bj-chaoyang");
    FederationNode huangpu = tree.node("sh-huangpu");
    NodeServices chaoyang = tree.services("bj-chaoyang");

    TestExports.listings(chaoyang, 11, "110105", 1, 1);
    String listed = TestExports.first(chaoyang, "serious-dishonesty").subjectId();
    ExampleRecords examples = new ExampleRecords(12, "110105");
    String honoured = examples.enterprise();
    String penalised = examples.enterprise();
    TestExports.keyed(chaoyang, "red-list", List.of(examples.redList(honoured, "北京守信示例有限公司",
        LocalDate.parse("2026-01-05"))));
    TestExports.keyed(chaoyang, "administrative-penalty", List.of(examples.majorPenalty(penalised,
        "北京停业示例有限公司", LocalDate.parse("2021-03-01"), LocalDate.parse("2024-03-01"))));
    await().atMost(BOUND).until(() -> TestNodes.services(huangpuKeys).exchange().changesAfter(0, 10).stream()
        .map(LoggedVersion::type).filter(t -> t.equals("serious-dishonesty") || t.equals("red-list")).count() == 2);

    try (AdminClient atHuangpu = new AdminClient(huangpu.adminPort(), TestNodes.TOKEN, BOUND)) {
      CheckResult restricted = atHuangpu.check(request(listed, "public-procurement.bid"));

      assertThat(restricted.getDecision()).isEqualTo(org.cix.proto.v1.Decision.DECISION_RESTRICT);
      CheckFinding finding = restricted.getFindings(0);
      assertThat(finding.getApplies()).isTrue();
      assertThat(finding.getRecord().getOriginNode()).isEqualTo("bj-chaoyang");
      assertThat(finding.getRecord().getSealCheck()).isEqualTo("verified");
      assertThat(finding.getRecord().getHopsList()).containsExactly("bj-chaoyang", "bj", "cn", "sh");
      org.cix.proto.v1.RecordHistory history = atHuangpu.history(finding.getRecord().getRecordId());
      assertThat(history.getVersionsList()).singleElement().satisfies(v -> {
        assertThat(v.getHopsList()).as("every hop, district to city to national to city")
            .containsExactly("bj-chaoyang", "bj", "cn", "sh");
        assertThat(v.getHopTimesList()).as("with when it was stored at each").hasSize(4)
            .isSorted().allSatisfy(t -> assertThat(t).isBetween(v.getCreatedAtMillis(), v.getReceivedAtMillis()));
      });
      assertThat(finding.getDecidedBy()).isEqualTo("北京市朝阳区市场监督管理局");
      assertThat(finding.getMeasures(0).getId()).isEqualTo("sd-procurement-ban");
      assertThat(finding.getMeasures(0).getDocument()).isEqualTo("国发〔2016〕33号");
      assertThat(atHuangpu.check(request(honoured, "administrative-approval.fast-track")).getDecision())
          .isEqualTo(org.cix.proto.v1.Decision.DECISION_INCENTIVE);
      assertThat(atHuangpu.check(request(listed, "high-consumption")).getDecision())
          .as("no measure on a serious-dishonesty listing governs high consumption")
          .isEqualTo(org.cix.proto.v1.Decision.DECISION_NONE);
      assertThatThrownBy(() -> atHuangpu.check(request(listed, "fishing.licence")))
          .isInstanceOfSatisfying(CixException.class, e -> assertThat(e.kind()).isEqualTo(CixException.Kind.INVALID_INPUT))
          .hasMessageContaining("'fishing.licence' is not an action any measure governs; known: "
              + "administrative-approval.by-commitment, administrative-approval.fast-track, bank-credit.grant");
    }
    try (AdminClient atChaoyang = new AdminClient(chaoyangNode.adminPort(), TestNodes.TOKEN, BOUND)) {
      CheckResult expired = atChaoyang.check(request(penalised, "public-procurement.bid"));
      assertThat(expired.getDecision()).isEqualTo(org.cix.proto.v1.Decision.DECISION_NONE);
      assertThat(expired.getFindings(0).getApplies()).isFalse();
      assertThat(expired.getFindings(0).getLapsed()).as("procurement looks back 3 years from the decision")
          .isEqualTo("the measure counts it 3 year(s) from 2021-03-01, until 2024-02-29");
    }

    List<CheckEntry> log = TestNodes.services(huangpuKeys).discipline().checks().recent(10);
    assertThat(log).hasSize(3);
    assertThat(log.get(2)).satisfies(e -> {
      assertThat(e.subjectId()).isEqualTo(listed);
      assertThat(e.action()).isEqualTo("public-procurement.bid");
      assertThat(e.decision()).isEqualTo(Decision.RESTRICT);
      assertThat(e.asker()).isEqualTo("operator 上海市黄浦区财政局 采购科 王芳 (admin port)");
      assertThat(e.purpose()).isEqualTo("政府采购投标资格审查");
      assertThat(e.recordIds()).containsExactly(restrictedRecord(huangpuKeys, listed));
    });
  }

  @Test
  void appliedMeasure_isFedBackToTheListingDistrict_throughTheTree() {
    NodeKeyMaterial cnKeys = tree.keys("cn");
    NodeKeyMaterial chaoyangKeys = tree.keys("bj-chaoyang");
    NodeKeyMaterial dongchengKeys = tree.keys("bj-dongcheng");
    NodeKeyMaterial huangpuKeys = tree.keys("sh-huangpu");
    FederationNode huangpu = tree.node("sh-huangpu");
    NodeServices chaoyang = tree.services("bj-chaoyang");
    TestExports.listings(chaoyang, 31, "110105", 1, 1);
    String listed = TestExports.first(chaoyang, "serious-dishonesty").subjectId();
    String listing = TestExports.first(chaoyang, "serious-dishonesty").recordId();
    await().atMost(BOUND).until(() -> !TestNodes.services(huangpuKeys).store().currentOfSubject(listed).isEmpty());

    try (AdminClient atHuangpu = new AdminClient(huangpu.adminPort(), TestNodes.TOKEN, BOUND)) {
      assertThat(atHuangpu.check(request(listed, "public-procurement.bid")).getDecision())
          .isEqualTo(org.cix.proto.v1.Decision.DECISION_RESTRICT);
    }

    await().atMost(BOUND).untilAsserted(() -> assertThat(feedbackAbout(chaoyangKeys, listed)).singleElement()
        .satisfies(f -> {
          assertThat(field(f, "record_id")).isEqualTo(listing);
          assertThat(field(f, "measures")).isEqualTo("sd-procurement-ban");
          assertThat(field(f, "decision")).isEqualTo("RESTRICT");
          assertThat(field(f, "applied_by")).isEqualTo("operator 上海市黄浦区财政局 采购科 王芳 (admin port)");
          assertThat(field(f, "checking_node")).isEqualTo("sh-huangpu");
          assertThat(f.getOriginNode()).isEqualTo("sh-huangpu");
        }));
    assertThat(chaoyang.store().currentOfSubject(listed).stream()
        .filter(v -> v.version().body().getType().equals("measure-feedback")).findFirst().orElseThrow()
        .provenance().hops()).containsExactly("sh-huangpu", "sh", "cn", "bj");
    await().atMost(BOUND).until(() -> feedbackAbout(cnKeys, listed).size() == 1);
    assertThat(feedbackAbout(dongchengKeys, listed)).as("addressed to Chaoyang only").isEmpty();
    assertThat(TestNodes.services(huangpuKeys).discipline().checks().pendingFeedback(10)).isEmpty();
  }

  private static List<org.cix.proto.v1.RecordBody> feedbackAbout(NodeKeyMaterial keys, String subject) {
    return TestNodes.services(keys).store().currentOfSubject(subject).stream().map(v -> v.version().body())
        .filter(b -> b.getType().equals("measure-feedback")).toList();
  }

  private static String field(org.cix.proto.v1.RecordBody body, String key) {
    return org.cix.core.record.RecordFields.field(body.getFieldsList(), key).orElseThrow();
  }

  private static String restrictedRecord(NodeKeyMaterial keys, String subject) {
    return TestNodes.services(keys).store().currentOfSubject(subject).get(0).version().recordId();
  }

  private static CheckRequest request(String subject, String action) {
    return CheckRequest.newBuilder().setSubjectId(subject).setAction(action)
        .setAsker("上海市黄浦区财政局 采购科 王芳").setPurpose("政府采购投标资格审查").build();
  }
}
