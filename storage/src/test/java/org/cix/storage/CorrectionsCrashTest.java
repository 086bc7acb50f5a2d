package org.cix.storage;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.correction.CorrectionRequest;
import org.cix.core.correction.CorrectionStore;
import org.cix.core.correction.Corrections;
import org.cix.core.correction.Outcome;
import org.cix.core.correction.RequestKind;
import org.cix.core.discipline.MeasuresLoader;
import org.cix.core.node.NodeServices;
import org.cix.core.node.NodeStores;
import org.cix.core.store.StoredVersion;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.proto.v1.RecordStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that fails between storing a decision (the record's new version and the decision record,
 * one transaction) and keeping it in its list of requests: after a restart the request shows the
 * decision, the record has exactly one new version, and deciding again is refused.
 */
class CorrectionsCrashTest {
  static final Fault CRASH_DECISION = new Fault(
      "a crash between storing a decision (new version and decision record, one transaction) "
          + "and listing it",
      "after restart the request shows the decision, the record has exactly one new version, "
          + "deciding again is refused");
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());

  @TempDir Path dir;

  @Test
  void crashAfterTheDecisionIsStored_beforeItIsListed_restartShowsItOnce() {
    CRASH_DECISION.inflicted();
    NodeKeyMaterial keys = TestPki.create(dir.resolve("pki")).node("bj-chaoyang", "110105");
    TestDatabases databases = new TestDatabases(Database.Engine.H2, dir);
    String id;
    String record;
    String subject;
    try (JdbcStores store = new JdbcStores(databases.open("chaoyang"))) {
      NodeStores real = store.node();
      FailingDecisions failing = new FailingDecisions(real.corrections());
      NodeServices node = assemble(keys, new NodeStores(real.records(), real.exchange(), real.checks(),
          real.grants(), real.audit(), real.measures(), failing, real.quality(), real.accounts(), real.submissions(),
          real.backup()));
      TestExports.listings(node, 61, "110105", 1, 1);
      // seq 1 is the registration of the listing department, 2 the listing
      record = node.exchange().changesAfter(1, 1).get(0).recordId();
      subject = node.exchange().changesAfter(1, 1).get(0).subjectId();
      id = node.corrections().file(new Corrections.Filing(RequestKind.OBJECTION, subject, record, "名称有误", "", "",
          "", "窗口")).id();
      failing.failing = true;

      assertThatThrownBy(() -> node.corrections().decide(id, "REVOKED", Map.of(), "", "科室"))
          .hasMessageContaining("crash");
    }
    try (JdbcStores store = new JdbcStores(databases.open("chaoyang"))) {
      NodeServices restarted = assemble(keys, store.node());
      restarted.corrections().follow();

      CorrectionRequest request = restarted.corrections().get(id).orElseThrow();
      assertThat(request.outcome()).contains(Outcome.REVOKED);
      List<StoredVersion> history = restarted.store().history(record);
      assertThat(history).extracting(v -> v.version().body().getStatus()).containsExactly(
          RecordStatus.RECORD_STATUS_ACTIVE, RecordStatus.RECORD_STATUS_ACTIVE, RecordStatus.RECORD_STATUS_REVOKED);
      assertThatThrownBy(() -> restarted.corrections().decide(id, "REVOKED", Map.of(), "", "科室"))
          .hasMessageContaining("was decided already: REVOKED");
      assertThat(restarted.store().history(record)).hasSize(3);
    }
  }

  private static NodeServices assemble(NodeKeyMaterial keys, NodeStores stores) {
    return NodeServices.assemble(CATALOG, MeasuresLoader.load(MeasuresLoader.standard(), CATALOG), keys, stores,
        PilotAllowlist.empty(), Clock.systemUTC());
  }

  /** Fails where a crash would interrupt: keeping a decision in the list of requests. */
  private static final class FailingDecisions implements CorrectionStore {
    private final CorrectionStore real;
    volatile boolean failing;

    FailingDecisions(CorrectionStore real) {
      this.real = real;
    }

    @Override
    public void putRequest(String id, Map<String, String> fields) {
      real.putRequest(id, fields);
    }

    @Override
    public void putDecision(String id, Map<String, String> fields) {
      if (failing) {
        throw new IllegalStateException("crash");
      }
      real.putDecision(id, fields);
    }

    @Override
    public Optional<CorrectionRequest> get(String id) {
      return real.get(id);
    }

    @Override
    public List<CorrectionRequest> list(int limit) {
      return real.list(limit);
    }

    @Override
    public long cursor() {
      return real.cursor();
    }

    @Override
    public void cursor(long seq) {
      real.cursor(seq);
    }
  }
}
