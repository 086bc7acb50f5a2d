package org.cix.storage;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.discipline.CheckRequest;
import org.cix.core.discipline.CheckResult;
import org.cix.core.discipline.Decision;
import org.cix.core.discipline.MeasuresLoader;
import org.cix.core.node.NodeServices;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.synthetic.ExampleRecords;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.TestPki;
import org.cix.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node stops showing and using a record after its publicity ends, by its own clock, with no
 * message; the record stays in the store for audit. (A listing: a penalty's procurement bar runs
 * 3 years from its decision, whatever its publicity; see JointDisciplineTest.)
 */
class PublicityExpiryTest {
  static final Fault CLOCK_PAST_PUBLICITY = new Fault(
      "time passing a record's publicity end (an injected clock moved to the last second of the "
          + "day in Beijing, then to midnight)",
      "restricts until the last second, stops at midnight with 'publicity ended on ...', no "
          + "message needed; the record stays in the store");
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());

  @TempDir Path dir;

  @Test
  void penaltyPastItsPublicityEnd_stopsRestrictingAtMidnightInBeijing_andIsKept() {
    CLOCK_PAST_PUBLICITY.inflicted();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate end = today.plusDays(10);
    MovableClock clock = new MovableClock(Instant.now());
    try (JdbcStores store = new JdbcStores(new TestDatabases(Database.Engine.H2, dir).open("node"))) {
      NodeServices node = NodeServices.assemble(CATALOG, MeasuresLoader.load(MeasuresLoader.standard(), CATALOG),
          TestPki.create(dir.resolve("pki")).node("bj-chaoyang", "110105"), store.node(), PilotAllowlist.empty(),
          clock);
      ExampleRecords examples = new ExampleRecords(81, "110105");
      String subject = examples.enterprise();
      TestExports.keyed(node, "serious-dishonesty", List.of(examples.listing(subject, "北京到期示例有限公司",
          today.minusMonths(11), end)));

      assertThat(check(node, subject).decision()).isEqualTo(Decision.RESTRICT);
      assertThat(node.profiles().profile(subject).entries()).singleElement()
          .satisfies(e -> assertThat(e.publicNow()).isTrue());

      clock.set(end.atTime(15, 59, 59).toInstant(ZoneOffset.UTC));
      assertThat(check(node, subject).decision()).as("the last day, Beijing time").isEqualTo(Decision.RESTRICT);

      clock.set(end.atTime(16, 0).toInstant(ZoneOffset.UTC));
      CheckResult after = check(node, subject);
      assertThat(after.decision()).as("from midnight in Beijing").isEqualTo(Decision.NONE);
      assertThat(after.findings()).singleElement()
          .satisfies(f -> assertThat(f.lapsed()).contains("publicity ended on " + end));
      assertThat(node.profiles().profile(subject).entries()).singleElement()
          .satisfies(e -> assertThat(e.publicNow()).isFalse());
      assertThat(node.store().currentOfSubject(subject)).as("kept for audit").hasSize(1);
    }
  }

  private static CheckResult check(NodeServices node, String subject) {
    return node.discipline().check(new CheckRequest(subject, "public-procurement.bid", "采购科", "资格审查"));
  }
}
