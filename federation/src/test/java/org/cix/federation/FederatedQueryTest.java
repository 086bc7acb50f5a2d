package org.cix.federation;

import org.cix.core.record.RecordFields;
import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cix.core.link.LinkRole;
import org.cix.core.node.NodeServices;
import org.cix.core.synthetic.ExampleRecords;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.link.LinkTarget;
import org.cix.federation.server.FederationNode;
import org.cix.proto.v1.CheckRequest;
import org.cix.proto.v1.CheckResult;
import org.cix.proto.v1.Decision;
import org.cix.proto.v1.ProfileRecord;
import org.cix.proto.v1.SubjectProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.cix.core.pack.PackageVerification;
import org.cix.core.pack.PackageVerifier;
import org.cix.proto.v1.ExportPackageRequest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Federated query across the three-level tree over mTLS: a district that does not hold a record
 * asks up the tree and gets it, filtered for it (conditional types only under grants, personal
 * data masked unless granted); a parent that is down or never answers gives a partial answer within
 * the deadline, naming the node that did not answer.
 */
@Timeout(120)
class FederatedQueryTest {
  static final Fault PARENT_DOWN = new Fault(
      "the parent down while a district answers a check; a parent that accepts TCP and never "
          + "answers",
      "a partial answer naming the node (UNAVAILABLE, or DEADLINE_EXCEEDED after 2-6 s), no "
          + "hang");
  static final Fault NO_GRANT = new Fault(
      "conditional records asked for by a node without a grant, at every hop",
      "withheld and named (withheld_types); natural persons' ids and names masked, and still "
          + "masked two hops on");
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final String PURPOSE = "subject profile 主体信用查询";

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();
  private TestPki pki;
  private NodeKeyMaterial cnKeys;
  private NodeKeyMaterial shKeys;
  private NodeKeyMaterial huangpuKeys;
  private FederationNode cn;
  private FederationNode huangpu;
  private String penalised;
  private String person;
  private String rated;

  @BeforeEach
  void tree() {
    pki = TestPki.create(dir);
    TestTree tree = TestTree.start(pki, running);
    cnKeys = tree.keys("cn");
    shKeys = tree.keys("sh");
    huangpuKeys = tree.keys("sh-huangpu");
    cn = tree.node("cn");
    huangpu = tree.node("sh-huangpu");

    NodeServices chaoyang = tree.services("bj-chaoyang");
    ExampleRecords examples = new ExampleRecords(21, "110105");
    penalised = examples.enterprise();
    person = examples.person();
    rated = examples.enterprise();
    TestExports.keyed(chaoyang, "administrative-penalty", List.of(
        examples.majorPenalty(penalised, "朝阳停业示例有限公司", LocalDate.parse("2026-06-01"), LocalDate.parse("2029-06-01")),
        examples.majorPenalty(person, "张三丰", "自然人", LocalDate.parse("2026-06-02"), LocalDate.parse("2029-06-02"))));
    TestExports.keyed(chaoyang, "credit-rating", List.of(
        examples.rating(rated, "朝阳纳税示例有限公司", LocalDate.parse("2026-04-01"), "A")));
    // and the registrations of the two departments that decided them
    await().atMost(BOUND).until(() -> TestNodes.services(cnKeys).store().counts().records() == 5);
  }


  private static CheckRequest procurement(String subject) {
    return CheckRequest.newBuilder().setSubjectId(subject).setAction("public-procurement.bid")
        .setAsker("黄浦区财政局 采购科").setPurpose("政府采购投标资格审查").build();
  }

  @Test
  void districtAsksUpTheTree_forWhatItDoesNotHold_andGetsTheCompleteAnswer() {
    assertThat(TestNodes.services(huangpuKeys).store().currentOfSubject(penalised)).as("penalties do not flow down")
        .isEmpty();
    try (AdminClient admin = new AdminClient(huangpu.adminPort(), TestNodes.TOKEN, BOUND)) {
      CheckResult check = admin.check(procurement(penalised));

      assertThat(check.getDecision()).isEqualTo(Decision.DECISION_RESTRICT);
      assertThat(check.getAnsweredByList()).containsExactly("sh-huangpu", "sh", "cn");
      assertThat(check.getComplete()).isTrue();
      assertThat(check.getFindings(0).getMeasures(0).getId()).isEqualTo("mv-procurement-ban");
      assertThat(check.getFindings(0).getRecord().getOriginNode()).isEqualTo("bj-chaoyang");
      assertThat(check.getFindings(0).getRecord().getSealCheck()).isEqualTo("verified");
      assertThat(check.getFindings(0).getRecord().getViaNode()).as("the node that answered").isEqualTo("sh");

      SubjectProfile profile = admin.subject(penalised);
      assertThat(profile.getRecordsList()).extracting(ProfileRecord::getType).containsExactly("administrative-penalty");
      assertThat(profile.getName()).isEqualTo("朝阳停业示例有限公司");
      assertThat(profile.getComplete()).isTrue();
    }
    assertThat(TestNodes.services(huangpuKeys).discipline().checks().recent(1).get(0).recordIds()).hasSize(1);
  }

  @Test
  void conditionalTypes_needAGrantAtEveryHop_personalDataStaysMaskedUnlessGranted() {
    NO_GRANT.inflicted();
    try (AdminClient admin = new AdminClient(huangpu.adminPort(), TestNodes.TOKEN, BOUND)) {
      SubjectProfile withheld = admin.subject(rated);
      assertThat(withheld.getRecordsList()).isEmpty();
      assertThat(withheld.getWithheldTypesList()).containsExactly("credit-rating");

      SubjectProfile masked = admin.subject(person);
      ProfileRecord penalty = masked.getRecords(0);
      String maskedId = person.substring(0, 6) + "**********" + person.substring(16);
      assertThat(field(penalty, "subject_id")).isEqualTo(maskedId);
      assertThat(field(penalty, "subject_name")).isEqualTo("张**");
      assertThat(penalty.getFieldsList()).noneMatch(f -> f.getValue().contains(person.substring(6, 14))
          || f.getValue().contains("三丰"));
      assertThat(TestNodes.services(cnKeys).audit().after(0, 100)).as("questions about persons are audited")
          .anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo("query.answer");
            assertThat(e.event().actor()).isEqualTo("sh for operator " + System.getProperty("user.name")
                + " (admin port) at sh-huangpu (as stated by sh-huangpu)");
            assertThat(e.event().subject()).isEqualTo(person);
            assertThat(e.event().detail()).contains("purpose=" + PURPOSE).contains("path=sh-huangpu>sh");
          });
      assertThat(TestNodes.services(huangpuKeys).audit().after(0, 100))
          .anySatisfy(e -> assertThat(e.event().action()).isEqualTo("profile.person"))
          .noneMatch(e -> e.event().subject().equals(rated));

      LocalDate from = LocalDate.parse("2026-01-01");
      LocalDate until = LocalDate.parse("2099-12-31");
      TestNodes.services(cnKeys).grants().issue("sh", Set.of("credit-rating", "administrative-penalty"), PURPOSE,
          true, from, until);
      assertThat(admin.subject(rated).getRecordsList()).as("sh holds a grant of cn, huangpu none of sh").isEmpty();
      assertThat(field(admin.subject(person).getRecords(0), "subject_name")).isEqualTo("张**");

      TestNodes.services(shKeys).grants().issue("sh-huangpu", Set.of(), PURPOSE, true, from, until);
      SubjectProfile granted = admin.subject(rated);
      assertThat(granted.getRecordsList()).extracting(ProfileRecord::getType).containsExactly("credit-rating");
      assertThat(granted.getWithheldTypesList()).isEmpty();
      ProfileRecord unmasked = admin.subject(person).getRecords(0);
      assertThat(field(unmasked, "subject_name")).isEqualTo("张三丰");
      assertThat(field(unmasked, "subject_id")).isEqualTo(person);
    }
  }

  @Test
  void packageAtADistrict_sharesAndMasksAsAQueryDoes_andItsRemoteRecordsVerifyOffline() throws Exception {
    try (AdminClient admin = new AdminClient(huangpu.adminPort(), TestNodes.TOKEN, BOUND)) {
      assertThat(exportAndVerify(admin, penalised, "enterprise.zip")).satisfies(v -> {
        assertThat(v.intact()).as(v.toString()).isTrue();
        assertThat(v.verified()).as("answered by cn with the sealed bytes, proof, seal and chain").isEqualTo(1);
      });
      assertThat(exportAndVerify(admin, rated, "rated.zip").records()).as("no grant: no conditional data")
          .isZero();
      assertThat(contents(dir.resolve("rated.zip"))).doesNotContain("credit-rating").doesNotContain("纳税");

      PackageVerification maskedPackage = exportAndVerify(admin, person, "person.zip");
      assertThat(maskedPackage.intact()).as(maskedPackage.toString()).isTrue();
      assertThat(maskedPackage.masked()).isEqualTo(1);
      assertThat(maskedPackage.verified()).isZero();
      String masked = contents(dir.resolve("person.zip"));
      assertThat(masked).as("masked fields stay masked").doesNotContain(person).doesNotContain("张三丰").contains("张**");

      LocalDate from = LocalDate.parse("2026-01-01");
      LocalDate until = LocalDate.parse("2099-12-31");
      TestNodes.services(cnKeys).grants().issue("sh", Set.of(), PURPOSE, true, from, until);
      TestNodes.services(shKeys).grants().issue("sh-huangpu", Set.of(), PURPOSE, true, from, until);
      PackageVerification granted = exportAndVerify(admin, person, "person-granted.zip");
      assertThat(granted.verified()).isEqualTo(1);
      assertThat(granted.masked()).isZero();
      assertThat(contents(dir.resolve("person-granted.zip"))).contains("张三丰");
      assertThat(exportAndVerify(admin, rated, "rated-granted.zip").verified()).isEqualTo(1);
    }
  }

  private PackageVerification exportAndVerify(AdminClient admin, String subject, String name) throws Exception {
    Path file = dir.resolve(name);
    try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
      admin.exportPackage(ExportPackageRequest.newBuilder().setSubjectId(subject).setPurpose(PURPOSE)
          .setAskedBy("黄浦区 信贷审查").build(), out, BOUND);
    }
    return PackageVerifier.verify(file, pki.root().certificate());
  }

  /** The records and their sealed bytes in a package, as text. */
  private static String contents(Path file) throws java.io.IOException {
    StringBuilder text = new StringBuilder();
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
      for (String entry : List.of("records.jsonl", "records.pb")) {
        text.append(new String(zip.getInputStream(zip.getEntry(entry)).readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return text.toString();
  }

  private static String field(ProfileRecord record, String key) {
    return org.cix.core.record.RecordFields.field(record.getFieldsList(), key).orElseThrow();
  }

  @Test
  void parentDown_givesAPartialAnswer_namingIt() {
    PARENT_DOWN.inflicted();
    running.stop(cn);
    try (AdminClient admin = new AdminClient(huangpu.adminPort(), TestNodes.TOKEN, BOUND)) {
      long started = System.nanoTime();
      CheckResult check = admin.check(procurement(penalised));

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      assertThat(check.getDecision()).isEqualTo(Decision.DECISION_NONE);
      assertThat(check.getComplete()).isFalse();
      assertThat(check.getAnsweredByList()).containsExactly("sh-huangpu", "sh");
      assertThat(check.getUnansweredList()).singleElement().satisfies(u -> {
        assertThat(u.getNode()).isEqualTo("cn");
        assertThat(u.getReason()).startsWith("UNAVAILABLE");
      });
    }
  }

  @Test
  void parentThatNeverAnswers_costsTheDeadline_notAHang() throws IOException {
    PARENT_DOWN.inflicted();
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.start();
      NodeKeyMaterial lonelyKeys = pki.node(pki.caOf("sh"), "sh-pudong", "310115");
      FederationNode lonely = running.add(TestNodes.start(lonelyKeys, 0, Optional.of(
          new LinkTarget("sh", "127.0.0.1", silent.getLocalPort(), LinkRole.PARENT))));
      try (AdminClient admin = new AdminClient(lonely.adminPort(), TestNodes.TOKEN, BOUND)) {
        long started = System.nanoTime();
        CheckResult check = admin.check(procurement(penalised));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(6));
        assertThat(check.getComplete()).isFalse();
        assertThat(check.getUnansweredList()).singleElement().satisfies(u -> {
          assertThat(u.getNode()).isEqualTo("sh");
          assertThat(u.getReason()).startsWith("DEADLINE_EXCEEDED");
        });
      }
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }
}
