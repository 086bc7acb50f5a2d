package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cix.core.account.Accounts;
import org.cix.core.account.Role;
import org.cix.core.audit.AuditEntry;
import org.cix.core.authority.SubmittingDepartment;
import org.cix.core.error.CixException;
import org.cix.core.node.NodeServices;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.core.synthetic.SyntheticDepartments;
import org.cix.crypto.keys.KeyAlgorithm;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.department.DepartmentApiSettings;
import org.cix.federation.department.DepartmentClient;
import org.cix.federation.server.FederationNode;
import org.cix.proto.v1.Decision;
import org.cix.proto.v1.Receipt;
import org.cix.proto.v1.RequestDecision;
import org.cix.proto.v1.RequestFiling;
import org.cix.proto.v1.SubmitStart;
import org.cix.reliability.Fault;
import org.cix.testing.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The department API over the network (gRPC, real TLS): each account does what its roles and
 * department allow and nothing else, and everything it does is audited under its name.
 */
@Timeout(60)
class DepartmentApiTest {
  private static final String PASSWORD = "correct horse battery";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String A = SyntheticDepartments.uscc("110105", SyntheticDepartments.Kind.MARKET_REGULATION);
  private static final String B = SyntheticDepartments.uscc("110108", SyntheticDepartments.Kind.MARKET_REGULATION);

  static final Fault ANOTHER_DEPARTMENT = new Fault(
      "a department's system submits rows deciding for another department, asks for its receipts, decides its "
          + "requests, or acts beyond its role",
      "rows refused department_not_yours, receipts not found, PERMISSION_DENIED; nothing of it stored");
  static final Fault BAD_CREDENTIAL = new Fault(
      "a department API call without a credential, with a token never issued, a wrong password, a revoked or "
          + "expired account, or a client certificate another CA issued",
      "UNAUTHENTICATED (HTTP 401) from that call on; audited");
  static final Fault SAME_FILE = new Fault(
      "a department submits the same file again (rejects included)",
      "the first receipt, marked repeated; nothing stored, quarantined or queued again");

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();
  private final MovableClock clock = new MovableClock(Instant.now());
  private NodeServices services;
  private FederationNode node;

  @BeforeEach
  void start() {
    TestPki pki = TestPki.create(dir);
    NodeKeyMaterial keys = pki.node("bj", "1101");
    services = TestNodes.servicesAt(keys, clock);
    for (String district : List.of("110105", "110108")) {
      SyntheticDepartments.Kind market = SyntheticDepartments.Kind.MARKET_REGULATION;
      services.departments().register(SyntheticDepartments.uscc(district, market),
          SyntheticDepartments.name(district, market), market.types());
    }
    node = running.add(FederationNode.start(keys, TestNodes.TOKEN, services, TestNodes.settings(0, Optional.empty(),
        List.of()).withDepartmentApi(new DepartmentApiSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(),
        0), Optional.empty(), List.of("localhost", "127.0.0.1"), dir.resolve("spool"), 1 << 20)), clock));
  }

  @Test
  void aSubmitterSubmitsItsOwnDecisions_rowsOfAnotherDepartmentAreRefused_andTheSameFileAgainChangesNothing()
      throws Exception {
    ANOTHER_DEPARTMENT.inflicted();
    SAME_FILE.inflicted();
    byte[] own = penalties(31, "110105", 20);
    byte[] others = penalties(32, "110108", 5);
    try (DepartmentClient a = system("a-system", A, Role.SUBMITTER)) {
      Receipt first = submit(a, "penalties.csv", own);
      assertThat(first.getFinished()).isTrue();
      assertThat(first.getRepeated()).isFalse();
      assertThat(first.getCounts().getCreated()).isEqualTo(20);
      assertThat(first.getRejectsList()).isEmpty();

      Receipt foreign = submit(a, "b.csv", others);
      assertThat(foreign.getCounts().getRejected()).isEqualTo(5);
      assertThat(foreign.getRejectsList()).isNotEmpty().allSatisfy(r -> {
        assertThat(r.getCode()).isEqualTo(SubmittingDepartment.NOT_YOURS);
        assertThat(r.getMessage()).contains(B).contains(A);
      });
      var before = services.store().counts();

      Receipt again = submit(a, "penalties-copy.csv", own);
      Receipt foreignAgain = submit(a, "b.csv", others);
      assertThat(again.getRepeated()).isTrue();
      assertThat(again.getSubmissionId()).isEqualTo(first.getSubmissionId());
      assertThat(again.getFileName()).as("the first receipt").isEqualTo("penalties.csv");
      assertThat(foreignAgain.getRepeated()).isTrue();
      assertThat(foreignAgain.getRejectsList()).hasSameSizeAs(foreign.getRejectsList());
      assertThat(services.store().counts()).as("nothing stored or quarantined again").isEqualTo(before);
      assertThat(a.submissions(10).getSubmissionsList()).extracting(Receipt::getSubmissionId)
          .containsExactly(foreign.getSubmissionId(), first.getSubmissionId());
      assertThat(a.receipt(foreign.getSubmissionId()).getRejectsCount()).isEqualTo(foreign.getRejectsCount());
    }
  }

  @Test
  void aDepartmentSeesOnlyItsOwnReceipts() throws Exception {
    ANOTHER_DEPARTMENT.inflicted();
    long id;
    try (DepartmentClient a = system("a-system", A, Role.SUBMITTER)) {
      id = submit(a, "penalties.csv", penalties(31, "110105", 3)).getSubmissionId();
    }
    try (DepartmentClient b = system("b-system", B, Role.SUBMITTER)) {
      assertThatThrownBy(() -> b.receipt(id)).isInstanceOfSatisfying(CixException.class,
          e -> assertThat(e.kind()).isEqualTo(CixException.Kind.NOT_FOUND));
      assertThat(b.submissions(10).getSubmissionsList()).isEmpty();
    }
  }

  @Test
  void eachRoleDoesItsOwnWorkOnly_andEveryActIsAuditedUnderTheAccount() throws Exception {
    staff("a-checker", A, Role.CHECKER);
    String subject = PenaltyExports.subjectOfRow(31, "110105", 1);
    try (DepartmentClient submitter = system("a-system", A, Role.SUBMITTER);
        DepartmentClient checker = client(Optional.empty())) {
      checker.login("a-checker", PASSWORD);
      assertThat(checker.whoAmI().getRolesList()).containsExactly("checker");
      assertThat(checker.check(subject, "public-procurement.bid", "政府采购投标资格审查").getDecision())
          .isEqualTo(Decision.DECISION_NONE);
      assertThat(kindOf(() -> checker.check(subject, "public-procurement.bid", " ")))
          .isEqualTo(CixException.Kind.INVALID_INPUT);
      byte[] two = penalties(31, "110105", 2);
      assertThat(kindOf(() -> submit(checker, "penalties.csv", two)))
          .isEqualTo(CixException.Kind.PERMISSION_DENIED);
      assertThat(kindOf(() -> submitter.check(subject, "public-procurement.bid", "审查")))
          .isEqualTo(CixException.Kind.PERMISSION_DENIED);
      assertThat(kindOf(() -> submitter.profile(subject, "审查"))).isEqualTo(CixException.Kind.PERMISSION_DENIED);
      submit(submitter, "penalties.csv", two);
    }
    List<AuditEntry> audit = services.audit().after(0, 1000);
    assertThat(audit).anySatisfy(e -> {
      assertThat(e.event().actor()).isEqualTo("account a-checker of " + A);
      assertThat(e.event().action()).isEqualTo("check");
    });
    assertThat(audit).anySatisfy(e -> {
      assertThat(e.event().actor()).isEqualTo("account a-system of " + A);
      assertThat(e.event().action()).isEqualTo("submission");
    });
    assertThat(audit).anySatisfy(e -> assertThat(e.event().action()).isEqualTo("account.login"));
    staff("auditor", A, Role.AUDITOR);
    try (DepartmentClient auditor = client(Optional.empty())) {
      auditor.login("auditor", PASSWORD);
      assertThat(auditor.audit(1000).getEntriesList()).anySatisfy(e -> assertThat(e.getActor())
          .isEqualTo("account a-checker of " + A));
    }
    try (DepartmentClient checker = client(Optional.empty())) {
      checker.login("a-checker", PASSWORD);
      assertThat(kindOf(() -> checker.audit(10))).isEqualTo(CixException.Kind.PERMISSION_DENIED);
    }
  }

  @Test
  void withoutAUsableCredentialNothingIsAnswered() throws Exception {
    BAD_CREDENTIAL.inflicted();
    staff("a-staff", A, Role.SUBMITTER);
    try (DepartmentClient anonymous = client(Optional.empty())) {
      assertThat(kindOf(anonymous::whoAmI)).isEqualTo(CixException.Kind.UNAUTHENTICATED);
      assertThat(kindOf(() -> anonymous.login("a-staff", "wrong password!!"))).isEqualTo(
          CixException.Kind.UNAUTHENTICATED);
      assertThat(kindOf(() -> anonymous.login("nobody", PASSWORD))).isEqualTo(CixException.Kind.UNAUTHENTICATED);
      anonymous.useToken("cixs_" + "0".repeat(64));
      assertThat(kindOf(anonymous::whoAmI)).as("a token never issued").isEqualTo(CixException.Kind.UNAUTHENTICATED);
    }
    // a certificate the account CA did not issue (the node's own federation certificate) is not taken: the
    // handshake names the account CA as the one issuer accepted, and the client offers nothing else
    NodeKeyMaterial keys = services.keys();
    try (DepartmentClient foreign = client(Optional.of(new DepartmentClient.ClientCertificate(keys.tlsKey(),
        keys.tlsChain().get(0))))) {
      assertThat(kindOf(foreign::whoAmI)).isEqualTo(CixException.Kind.UNAUTHENTICATED);
    }
  }

  @Test
  void aRevokedOrExpiredAccountIsRefusedFromTheNextCall() throws Exception {
    BAD_CREDENTIAL.inflicted();
    staff("a-staff", A, Role.SUBMITTER);
    try (DepartmentClient system = system("a-system", A, Role.SUBMITTER);
        DepartmentClient staff = client(Optional.empty())) {
      staff.login("a-staff", PASSWORD);
      assertThat(system.whoAmI().getName()).isEqualTo("a-system");
      assertThat(staff.whoAmI().getName()).isEqualTo("a-staff");

      services.access().accounts().revoke("a-system", "test operator");
      services.access().accounts().revoke("a-staff", "test operator");
      assertThat(kindOf(system::whoAmI)).isEqualTo(CixException.Kind.UNAUTHENTICATED);
      assertThat(kindOf(staff::whoAmI)).isEqualTo(CixException.Kind.UNAUTHENTICATED);
      assertThat(kindOf(() -> staff.login("a-staff", PASSWORD))).isEqualTo(CixException.Kind.UNAUTHENTICATED);
    }
    staff("node-admin", A, Role.ADMIN);
    staff("a-victim", A, Role.CHECKER);
    try (DepartmentClient admin = client(Optional.empty()); DepartmentClient checker = client(Optional.empty())) {
      admin.login("node-admin", PASSWORD);
      checker.login("a-victim", PASSWORD);
      assertThat(kindOf(checker::accounts)).as("accounts are the admin role's").isEqualTo(
          CixException.Kind.PERMISSION_DENIED);
      assertThat(admin.accounts().getAccountsList()).extracting(a -> a.getName()).contains("a-system", "a-victim");
      assertThat(admin.revokeAccount("a-victim").getRevokedAtMillis()).isPositive();
      assertThat(kindOf(checker::whoAmI)).isEqualTo(CixException.Kind.UNAUTHENTICATED);
    }
    assertThat(services.audit().after(0, 1000)).anySatisfy(e -> {
      assertThat(e.event().action()).isEqualTo("account.revoke");
      assertThat(e.event().actor()).isEqualTo("account node-admin of " + A);
    });
    staff("a-later", A, Role.SUBMITTER);
    try (DepartmentClient later = client(Optional.empty())) {
      later.login("a-later", PASSWORD);
      clock.advance(Duration.ofDays(30).plusSeconds(1));
      assertThat(kindOf(later::whoAmI)).as("expired account (and session)").isEqualTo(
          CixException.Kind.UNAUTHENTICATED);
    }
  }

  @Test
  void aDeciderDecidesRequestsAboutItsOwnDepartmentsRecordsOnly() throws Exception {
    ANOTHER_DEPARTMENT.inflicted();
    try (DepartmentClient a = system("a-system", A, Role.SUBMITTER)) {
      submit(a, "penalties.csv", penalties(31, "110105", 3));
    }
    String record = services.exchange().changesOfTypes(0, services.exchange().head(),
        List.of("administrative-penalty"), 1).get(0).recordId();
    String subject = services.store().history(record).get(0).version().body().getSubjectId();
    staff("a-decider", A, Role.DECIDER);
    staff("b-decider", B, Role.DECIDER);
    try (DepartmentClient aDecider = client(Optional.empty()); DepartmentClient bDecider = client(Optional.empty());
        DepartmentClient submitter = system("a-other", A, Role.SUBMITTER)) {
      aDecider.login("a-decider", PASSWORD);
      bDecider.login("b-decider", PASSWORD);
      var filed = aDecider.fileRequest(RequestFiling.newBuilder().setKind("OBJECTION").setSubjectId(subject)
          .setRecordId(record).setReason("罚款金额有误").build());
      assertThat(filed.getFiledBy()).isEqualTo("account a-decider of " + A);
      assertThat(aDecider.requests(true).getCorrectionsList()).extracting(c -> c.getId()).containsExactly(filed.getId());
      assertThat(bDecider.requests(true).getCorrectionsList()).as("not B's record").isEmpty();
      RequestDecision upheld = RequestDecision.newBuilder().setId(filed.getId()).setOutcome("UPHELD")
          .setNote("经核查属实").build();
      assertThat(kindOf(() -> bDecider.decide(upheld))).isEqualTo(CixException.Kind.PERMISSION_DENIED);
      assertThat(kindOf(() -> submitter.decide(upheld))).isEqualTo(CixException.Kind.PERMISSION_DENIED);
      var decided = aDecider.decide(upheld);
      assertThat(decided.getState()).isEqualTo("UPHELD");
      assertThat(decided.getDecidedBy()).isEqualTo("account a-decider of " + A);
    }
  }

  @Test
  void qualityIssuesOfADepartmentAreItsOwnAccountsToSee() throws Exception {
    ByteArrayOutputStream defective = new ByteArrayOutputStream();
    new PenaltyExports(33, "110105", 0.3).write(defective, StandardCharsets.UTF_8, 30);
    try (DepartmentClient a = system("a-system", A, Role.SUBMITTER);
        DepartmentClient b = system("b-system", B, Role.SUBMITTER)) {
      Receipt receipt = submit(a, "defective.csv", defective.toByteArray());
      assertThat(receipt.getCounts().getRejected()).isPositive();
      assertThat(a.qualityIssues(true).getIssuesList()).hasSize((int) receipt.getCounts().getRejected())
          .allSatisfy(i -> assertThat(i.getDepartment()).isEqualTo(A));
      assertThat(b.qualityIssues(false).getIssuesList()).isEmpty();
      // rows of A's submission that name B are A's to answer for, not B's to see
      Receipt foreign = submit(a, "b.csv", penalties(34, "110108", 4));
      assertThat(foreign.getCounts().getRejected()).isEqualTo(4);
      assertThat(b.qualityIssues(false).getIssuesList()).isEmpty();
      assertThat(a.qualityIssues(true).getIssuesList()).filteredOn(i -> i.getReasonCode().equals(
          SubmittingDepartment.NOT_YOURS)).hasSize(4);

      long issue = a.qualityIssues(true).getIssues(0).getId();
      assertThat(kindOf(() -> b.resolveQualityIssue(issue, "not ours"))).as("another department's issue")
          .isEqualTo(CixException.Kind.NOT_FOUND);
      try (DepartmentClient checker = system("a-checker", A, Role.CHECKER)) {
        assertThat(kindOf(() -> checker.resolveQualityIssue(issue, "seen"))).isEqualTo(
            CixException.Kind.PERMISSION_DENIED);
      }
      var resolved = a.resolveQualityIssue(issue, "row corrected in the next export");
      assertThat(resolved.getResolvedBy()).isEqualTo("account a-system of " + A);
      assertThat(resolved.getResolution()).isEqualTo("row corrected in the next export");
      assertThat(kindOf(() -> a.resolveQualityIssue(issue, "again"))).isEqualTo(CixException.Kind.PRECONDITION_FAILED);
      assertThat(services.audit().after(0, 1000)).anySatisfy(e -> {
        assertThat(e.event().action()).isEqualTo("quality.resolve");
        assertThat(e.event().actor()).isEqualTo("account a-system of " + A);
      });
    }
  }

  private DepartmentClient system(String name, String department, Role role) {
    KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    Accounts.Added added = services.access().accounts().add(new Accounts.NewAccount(name, department, Set.of(role),
        Duration.ofDays(30), Optional.empty(), Optional.of(pair.getPublic())), "test operator");
    return client(Optional.of(new DepartmentClient.ClientCertificate(pair.getPrivate(),
        added.certificate().orElseThrow())));
  }

  private void staff(String name, String department, Role role) {
    services.access().accounts().add(new Accounts.NewAccount(name, department, Set.of(role), Duration.ofDays(30),
        Optional.of(PASSWORD.toCharArray()), Optional.empty()), "test operator");
  }

  private DepartmentClient client(Optional<DepartmentClient.ClientCertificate> credential) {
    return new DepartmentClient("localhost", node.departmentPort(), services.access().accounts().issuer().certificate(),
        credential, WAIT);
  }

  private static Receipt submit(DepartmentClient client, String name, byte[] file) {
    return client.submit(SubmitStart.newBuilder().setFileName(name).setMappingName("penalties")
        .setMappingYaml(PenaltyExports.mapping(StandardCharsets.UTF_8)).build(), new ByteArrayInputStream(file), WAIT);
  }

  private static byte[] penalties(long seed, String district, int rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PenaltyExports(seed, district, 0).write(out, StandardCharsets.UTF_8, rows);
    return out.toByteArray();
  }

  private static CixException.Kind kindOf(Runnable call) {
    try {
      call.run();
    } catch (CixException e) {
      return e.kind();
    }
    throw new AssertionError("the call was answered");
  }
}
