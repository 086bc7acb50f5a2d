package org.cix.core.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.discipline.MeasuresLoader;
import org.cix.core.error.CixException;
import org.cix.core.node.InMemoryNodeStores;
import org.cix.core.node.NodeServices;
import org.cix.core.record.ChinaDate;
import org.cix.core.record.RecordFields;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.sync.LoggedVersion;
import org.cix.core.synthetic.ExampleRecords;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.TestPki;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.RecordStatus;
import org.cix.testing.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objections and credit repair at the record's origin, on stores in memory: the rules of filing
 * and deciding (the federation's CorrectionsTreeTest follows them across the tree over mTLS).
 */
class CorrectionsTest {
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  @TempDir Path dir;
  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T02:00:00Z"));
  private NodeServices chaoyang;
  private LocalDate today;

  @BeforeEach
  void assemble() {
    chaoyang = NodeServices.assemble(CATALOG, MeasuresLoader.load(MeasuresLoader.standard(), CATALOG),
        TestPki.create(dir).node("bj-chaoyang", "110105"), InMemoryNodeStores.create(), PilotAllowlist.empty(),
        clock);
    today = ChinaDate.today(clock);
  }

  @Test
  void objectionAtTheOrigin_flagsTheRecordAtOnce_isDueInWorkingDays_andIsDecidedOnce() {
    LoggedVersion listing = listing();

    CorrectionRequest filed = chaoyang.corrections().file(objection(listing));

    assertThat(filed.open()).isTrue();
    assertThat(filed.originNode()).isEqualTo("bj-chaoyang");
    assertThat(filed.dueOn()).contains(WorkingDays.after(today,
        CATALOG.type("serious-dishonesty").orElseThrow().objectionDays()));
    assertThat(current(listing).getObjection()).as("flagged by a new version").isEqualTo(filed.id());
    assertThat(current(listing).getVersion()).isEqualTo(2);

    CorrectionRequest upheld = chaoyang.corrections().decide(filed.id(), "UPHELD", Map.of(), "核实无误", "科长");
    assertThat(upheld.outcome()).contains(Outcome.UPHELD);
    assertThat(current(listing).getObjection()).as("the flag cleared").isEmpty();
    assertThat(current(listing).getStatus()).isEqualTo(RecordStatus.RECORD_STATUS_ACTIVE);
    assertThatThrownBy(() -> chaoyang.corrections().decide(filed.id(), "REVOKED", Map.of(), "", "科长"))
        .isInstanceOfSatisfying(CixException.class,
            e -> assertThat(e.kind()).isEqualTo(CixException.Kind.PRECONDITION_FAILED))
        .hasMessageContaining("was decided already: UPHELD");
    assertThat(chaoyang.corrections().list(Optional.of(RequestKind.OBJECTION), true, false)).isEmpty();
  }

  @Test
  void correction_changesOnlyTheFieldsThatDoNotIdentifyTheRecord_andChecksThem() {
    LoggedVersion listing = listing();
    String id = chaoyang.corrections().file(objection(listing)).id();

    assertThatThrownBy(() -> chaoyang.corrections().decide(id, "CORRECTED",
        Map.of("listing_doc_number", "另一文号"), "", "科长"))
        .hasMessageContaining("may not change the fields that identify the record");
    assertThatThrownBy(() -> chaoyang.corrections().decide(id, "CORRECTED", Map.of("listing_date", "not a date"),
        "", "科长")).hasMessageContaining("listing_date");
    assertThat(chaoyang.corrections().get(id).orElseThrow().open()).as("a refused decision decides nothing").isTrue();

    chaoyang.corrections().decide(id, "CORRECTED", Map.of("subject_name", "北京更正后名称有限公司"), "名称更正", "科长");

    RecordBody now = current(listing);
    assertThat(now.getVersion()).isEqualTo(3);
    assertThat(now.getObjection()).isEmpty();
    assertThat(RecordFields.field(now.getFieldsList(), "subject_name")).contains("北京更正后名称有限公司");
  }

  @Test
  void repair_isRefusedBeforeTheMinimumPeriodNamingTheDate_andOnceItHasPassedEndsThePublicity() {
    ExampleRecords examples = new ExampleRecords(61, "110105");
    String subject = examples.enterprise();
    LocalDate decided = today.minusMonths(1);
    TestExports.keyed(chaoyang, "administrative-penalty",
        List.of(examples.majorPenalty(subject, "北京整改示例有限公司", decided, today.plusYears(2))));
    LoggedVersion penalty = TestExports.first(chaoyang, "administrative-penalty");

    assertThatThrownBy(() -> chaoyang.corrections().file(repair(penalty)))
        .isInstanceOfSatisfying(CixException.class,
            e -> assertThat(e.kind()).isEqualTo(CixException.Kind.PRECONDITION_FAILED))
        .hasMessageContaining("is possible from " + decided.plusMonths(3));

    clock.advance(Duration.ofDays(70));
    CorrectionRequest filed = chaoyang.corrections().file(repair(penalty));
    assertThat(current(penalty).getObjection()).as("repair does not flag the record").isEmpty();
    chaoyang.corrections().decide(filed.id(), "REPAIRED", Map.of(), "整改完毕", "科长");

    assertThat(current(penalty).getStatus()).isEqualTo(RecordStatus.RECORD_STATUS_REPAIRED);
    assertThat(chaoyang.store().history(penalty.recordId())).as("kept for audit").hasSize(2);
  }

  @Test
  void aRequestAboutARecordNotHeld_orNotAboutTheSubject_isRefused() {
    LoggedVersion listing = listing();

    assertThatThrownBy(() -> chaoyang.corrections().file(new Corrections.Filing(RequestKind.OBJECTION,
        listing.subjectId(), "0".repeat(32), "有误", "", "", "", "窗口")))
        .isInstanceOfSatisfying(CixException.class, e -> assertThat(e.kind()).isEqualTo(CixException.Kind.NOT_FOUND));
    assertThatThrownBy(() -> chaoyang.corrections().file(new Corrections.Filing(RequestKind.OBJECTION,
        new ExampleRecords(62, "110105").enterprise(), listing.recordId(), "有误", "", "", "", "窗口")))
        .hasMessageContaining("is not about");
    assertThatThrownBy(() -> chaoyang.corrections().decide("OBJ-20261207-0000000000", "UPHELD", Map.of(), "", "科长"))
        .isInstanceOfSatisfying(CixException.class, e -> assertThat(e.kind()).isEqualTo(CixException.Kind.NOT_FOUND));
  }

  private LoggedVersion listing() {
    TestExports.listings(chaoyang, 60, "110105", 1, 1);
    return TestExports.first(chaoyang, "serious-dishonesty");
  }

  private static Corrections.Filing objection(LoggedVersion record) {
    return new Corrections.Filing(RequestKind.OBJECTION, record.subjectId(), record.recordId(), "名称有误", "", "",
        "", "窗口");
  }

  private static Corrections.Filing repair(LoggedVersion record) {
    return new Corrections.Filing(RequestKind.REPAIR, record.subjectId(), record.recordId(), "信用修复", "", "",
        "已整改并签署信用承诺", "窗口");
  }

  private RecordBody current(LoggedVersion record) {
    var history = chaoyang.store().history(record.recordId());
    return history.get(history.size() - 1).version().body();
  }
}
