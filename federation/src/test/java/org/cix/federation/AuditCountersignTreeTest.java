package org.cix.federation;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cix.core.audit.AuditChain;
import org.cix.core.audit.AuditEntry;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.CountersignedHead;
import org.cix.core.node.NodeServices;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.AuditReport;
import org.cix.proto.v1.CheckRequest;
import org.cix.storage.JdbcStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * During sync a parent countersigns its child's audit head: a district that then rewrites its
 * own past consistently (every hash recomputed) fails {@code audit verify}, and its parent, shown
 * the rewritten head, refuses to countersign it and writes that into its own audit log.
 */
@Timeout(120)
class AuditCountersignTreeTest {
  static final Fault AUDIT_REWRITTEN = new Fault(
      "a district's audit log rewritten consistently (every hash recomputed) after its parent "
          + "countersigned it",
      "audit verify fails at the countersigned entry; the parent refuses the rewritten head and "
          + "audits audit.rewritten");
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();

  @Test
  void parentCountersignsTheDistrictsHead_aConsistentRewriteIsFound() throws Exception {
    AUDIT_REWRITTEN.inflicted();
    TestTree tree = TestTree.start(TestPki.create(dir), running);
    NodeServices chaoyang = tree.services("bj-chaoyang");
    NodeServices bj = tree.services("bj");
    try (AdminClient client = new AdminClient(tree.node("bj-chaoyang").adminPort(), TestNodes.TOKEN, BOUND)) {
      org.cix.core.synthetic.ExampleRecords examples = new org.cix.core.synthetic.ExampleRecords(71, "110105");
      for (String subject : List.of(examples.enterprise(), examples.enterprise(), examples.enterprise())) {
        client.check(CheckRequest.newBuilder().setSubjectId(subject).setAction("bond-issuance").setAsker("金融科")
            .setPurpose("债券发行审查").build());
      }
    }
    long last = chaoyang.audit().lastSeq();
    assertThat(last).isEqualTo(3);

    await().atMost(BOUND).until(() -> latest(chaoyang.audit().countersigned("bj-chaoyang")) == last);
    assertThat(bj.audit().latestOfOthers("bj")).singleElement().satisfies(h -> {
      assertThat(h.node()).isEqualTo("bj-chaoyang");
      assertThat(h.seq()).isEqualTo(last);
    });
    try (AdminClient client = new AdminClient(tree.node("bj").adminPort(), TestNodes.TOKEN, BOUND)) {
      AuditReport atBj = client.trust().verifyAudit();
      assertThat(atBj.getChildrenList()).singleElement().satisfies(h -> assertThat(h.getSeq()).isEqualTo(last));
    }
    try (AdminClient client = new AdminClient(tree.node("bj-chaoyang").adminPort(), TestNodes.TOKEN, BOUND)) {
      AuditReport atChaoyang = client.trust().verifyAudit();
      assertThat(atChaoyang.getIntact()).isTrue();
      assertThat(atChaoyang.getCountersigned().getWitness()).isEqualTo("bj");
      assertThat(atChaoyang.getCountersigned().getSeq()).isEqualTo(last);
    }

    running.stop(tree.node("bj-chaoyang"));
    rewriteConsistently(TestNodes.jdbc(chaoyang), chaoyang);
    AuditChain.Verification rewritten = AuditChain.verify(chaoyang.audit(), "bj-chaoyang");
    assertThat(rewritten.firstBad()).contains(last);
    assertThat(rewritten.why()).startsWith("the log was rewritten: bj countersigned entry 3");

    running.start(tree.keys("bj-chaoyang"), Optional.of(tree.node("bj")));
    await().atMost(BOUND).until(() -> bj.audit().after(0, 100).stream()
        .anyMatch(e -> e.event().action().equals("audit.rewritten") && e.event().actor().equals("bj-chaoyang")));
    assertThat(bj.audit().latestOfOthers("bj")).singleElement()
        .satisfies(h -> assertThat(h.hash()).as("the parent keeps what it countersigned")
            .isNotEqualTo(chaoyang.audit().after(last - 1, 1).get(0).hash()));
  }

  private static long latest(List<CountersignedHead> heads) {
    return heads.isEmpty() ? 0 : heads.get(heads.size() - 1).seq();
  }

  /** Changes entry 2 and recomputes every hash after it, as a site rewriting its past would. */
  private static void rewriteConsistently(JdbcStores store, NodeServices node) throws Exception {
    List<AuditEntry> entries = node.audit().after(0, 100);
    byte[] previous = entries.get(0).hash();
    try (Connection c = store.database().dataSource().getConnection();
        PreparedStatement update = c.prepareStatement(
            "UPDATE audit_log SET detail = ?, previous = ?, hash = ? WHERE seq = ?")) {
      for (AuditEntry entry : entries.subList(1, entries.size())) {
        AuditEvent event = entry.seq() == 2 ? new AuditEvent(entry.event().at(), entry.event().actor(),
            entry.event().action(), entry.event().subject(), "action=administrative-approval.fast-track")
            : entry.event();
        byte[] hash = AuditChain.hash(entry.seq(), event, previous);
        update.setString(1, event.detail());
        update.setBytes(2, previous);
        update.setBytes(3, hash);
        update.setLong(4, entry.seq());
        update.executeUpdate();
        previous = hash;
      }
    }
  }
}
