package org.cix.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.catalog.RecordType;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.subject.SubjectIds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Publicity windows (issue 21), each case with its rule's source: a penalty's 公示截止期 lies
 * between 3 months and 3 years after the decision (NDRC Order No. 58, 失信行为纠正后的信用信息修复
 * 管理办法（试行）, in force 2023-05-01); no decision or listing dated in the future; no end
 * before the start; at least 1 year for penalties in food, drugs, special equipment, work safety
 * and fire, the longest minimum where a decision is in several domains (the same order); a
 * serious-dishonesty entry is public until the earlier of its removal and its
 * planned end (有效期至).
 */
class PublicityWindowTest {
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

  @ParameterizedTest(name = "{0} {1} to {2}: {3}")
  @CsvSource({
      "administrative-penalty, 2026-01-10, 2026-04-10, accepted,            Order 58: exactly 3 months",
      "administrative-penalty, 2026-01-10, 2026-04-09, publicity_too_short, Order 58: under 3 months",
      "administrative-penalty, 2026-01-10, 2029-01-10, accepted,            Order 58: exactly 3 years",
      "administrative-penalty, 2026-01-10, 2029-01-11, publicity_too_long,  Order 58: over 3 years",
      "administrative-penalty, 2026-01-10, 2025-12-31, dates_out_of_order,  an end before the decision",
      "administrative-penalty, 2026-12-06, 2027-06-06, date_in_future,      a decision not yet taken",
      "administrative-penalty, 2026-01-10, ,           accepted,            no end declared: 3 years by default",
      "serious-dishonesty,     2026-01-10, 2025-01-10, dates_out_of_order,  a planned end before the listing",
      "serious-dishonesty,     2026-12-06, 2027-12-06, date_in_future,      a listing not yet made",
      "serious-dishonesty,     2026-01-10, 2031-01-10, accepted,            no statutory bound on a listing's end",
  })
  void aRowsDates_againstItsTypesPublicityRule(String typeId, String start, String end, String expected,
      String source) {
    RecordType type = CATALOG.type(typeId).orElseThrow();
    Map<String, String> fields = new HashMap<>();
    fields.put(type.publicity().fromField(), start);
    if (end != null) {
      fields.put(typeId.equals("serious-dishonesty") ? "planned_end" : "publicity_end", end);
    }
    Optional<RowProblem> problem = PublicityWindow.check(type, fields, TODAY);
    assertThat(problem.map(RowProblem::code).orElse("accepted")).as(source).isEqualTo(expected);
    problem.ifPresent(p -> assertThat(p.message()).as(source).contains(type.field(p.field()).orElseThrow().label()));
  }

  @ParameterizedTest(name = "domains {0}, end {1}: {2}")
  @CsvSource({
      "食品,           2027-01-09, publicity_too_short, Order 58: food, at least 1 year",
      "食品,           2027-01-10, accepted,            Order 58: food, exactly 1 year",
      "药品,           2026-10-10, publicity_too_short, Order 58: drugs, at least 1 year",
      "特种设备,       2026-12-01, publicity_too_short, Order 58: special equipment, at least 1 year",
      "安全生产,       2026-06-30, publicity_too_short, Order 58: work safety, at least 1 year",
      "消防,           2027-01-10, accepted,            Order 58: fire, exactly 1 year",
      "其他,           2026-04-10, accepted,            Order 58: any other domain, 3 months",
      "'',             2026-04-10, accepted,            Order 58: no domain given, 3 months",
      "其他;消防,      2026-04-10, publicity_too_short, Order 58: several domains, the longest minimum",
      "其他;消防,      2029-01-11, publicity_too_long,  Order 58: at most 3 years in every domain",
  })
  void aPenaltysMinimum_isTheLongestOfItsDomains(String domains, String end, String expected, String source) {
    RecordType type = CATALOG.type("administrative-penalty").orElseThrow();
    Map<String, String> fields = new HashMap<>(Map.of("decision_date", "2026-01-10", "publicity_end", end,
        "penalty_domain", domains));
    Optional<RowProblem> problem = PublicityWindow.check(type, fields, TODAY);
    assertThat(problem.map(RowProblem::code).orElse("accepted")).as(source).isEqualTo(expected);
  }

  @ParameterizedTest(name = "domains {0}: repaired from {1}")
  @CsvSource({
      "'',   2026-04-10, Order 58: 3 months after the decision",
      "食品, 2027-01-10, Order 58: not before the 1-year minimum of food",
  })
  void creditRepair_waitsForTheMinimumOfTheDomain(String domains, String from, String source) {
    RecordType type = CATALOG.type("administrative-penalty").orElseThrow();
    assertThat(type.publicity().repairFrom(LocalDate.parse("2026-01-10"),
        key -> key.equals("penalty_domain") ? domains : "")).as(source).contains(LocalDate.parse(from));
  }

  @ParameterizedTest(name = "removal {0}, planned end {1}: public until {2}")
  @CsvSource({
      ",           2028-01-10, 2028-01-10",
      "2027-03-01, 2028-01-10, 2027-03-01",
      "2027-03-01, ,           2027-03-01",
      ",           ,           ''",
  })
  void aListing_isPublicUntilTheEarlierOfItsRemovalAndItsPlannedEnd(String removal, String planned, String until) {
    RecordType type = CATALOG.type("serious-dishonesty").orElseThrow();
    Map<String, String> fields = new HashMap<>();
    fields.put("listing_date", "2026-01-10");
    if (removal != null) {
      fields.put("removal_date", removal);
    }
    if (planned != null) {
      fields.put("planned_end", planned);
    }
    RecordMaker maker = new RecordMaker(CATALOG, new NodeIdentity("bj-chaoyang", new Jurisdiction("110105")),
        new SubjectIds(Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"), ZoneOffset.UTC), PilotAllowlist.empty()));
    Standardised row = new Standardised(fields, "91110105MA0000000X", org.cix.core.subject.SubjectKind.USCC, List.of(), List.of());
    assertThat(maker.make(type, row, "0".repeat(32), null, new byte[32], RecordMaker.Change.ingest("test"), 0L)
        .body().getPublicityUntil()).isEqualTo(until);
  }
}
