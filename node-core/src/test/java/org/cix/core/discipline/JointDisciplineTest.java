package org.cix.core.discipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.profile.ProfileEntry;
import org.cix.core.profile.SealChecks;
import org.cix.core.record.RecordVersion;
import org.cix.core.store.StoredVersion;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.RecordStatus;
import org.cix.proto.v1.SealProof;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decisions for every combination of record kind, action, publicity window and status, against
 * an expectation written out here by hand (not derived from the measures files).
 */
class JointDisciplineTest {
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final Measures MEASURES = MeasuresLoader.load(MeasuresLoader.standard(), CATALOG);
  private static final LocalDate TODAY = LocalDate.parse("2026-11-27");

  private static final List<String> ACTIONS = List.of("public-procurement.bid", "government-funding.apply",
      "bond-issuance", "executive-appointment", "high-consumption", "administrative-approval.fast-track",
      "regulatory-inspection.plan", "bank-credit.grant", "administrative-approval.by-commitment");

  /** What a public, active, verified record of each kind means for each action. */
  private static final Map<String, Map<String, Decision>> EXPECTED = Map.of(
      "serious-dishonesty", Map.of("public-procurement.bid", Decision.RESTRICT,
          "government-funding.apply", Decision.RESTRICT, "bond-issuance", Decision.RESTRICT,
          "executive-appointment", Decision.RESTRICT, "administrative-approval.fast-track", Decision.RESTRICT,
          "regulatory-inspection.plan", Decision.RESTRICT, "bank-credit.grant", Decision.RESTRICT),
      "dishonest-judgment-debtor", Map.of("public-procurement.bid", Decision.RESTRICT,
          "bond-issuance", Decision.RESTRICT, "executive-appointment", Decision.RESTRICT,
          "high-consumption", Decision.RESTRICT),
      "red-list", Map.of("public-procurement.bid", Decision.INCENTIVE,
          "government-funding.apply", Decision.INCENTIVE, "administrative-approval.fast-track", Decision.INCENTIVE),
      "major-penalty", Map.of("public-procurement.bid", Decision.RESTRICT),
      "minor-penalty", Map.of(),
      "administrative-licence", Map.of(),
      "credit-rating", Map.of(),
      "commitment-breach", Map.of("administrative-approval.by-commitment", Decision.RESTRICT));

  enum Window { CURRENT, ENDED, NOT_YET, OPEN_ENDED }

  static Stream<Arguments> combinations() {
    List<Arguments> all = new ArrayList<>();
    for (String kind : EXPECTED.keySet()) {
      for (String action : ACTIONS) {
        for (Window window : Window.values()) {
          for (RecordStatus status : List.of(RecordStatus.RECORD_STATUS_ACTIVE, RecordStatus.RECORD_STATUS_REVOKED,
              RecordStatus.RECORD_STATUS_REPAIRED)) {
            all.add(Arguments.of(kind, action, window, status));
          }
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("combinations")
  void decision_forEveryKindActionWindowAndStatus(String kind, String action, Window window, RecordStatus status) {
    ProfileEntry entry = entry(kind, window, status, SealChecks.VERIFIED);

    JointDiscipline.Assessment result = JointDiscipline.assess(List.of(entry), MEASURES.governing(action), TODAY);

    // a major violation bars procurement for 3 years from the decision (政府采购法实施条例 第十九条), whether
    // or not it is still public: credit repair ends its publicity, not the statutory window
    boolean statutory = kind.equals("major-penalty");
    boolean inForce = (statutory ? status != RecordStatus.RECORD_STATUS_REVOKED : status == RecordStatus.RECORD_STATUS_ACTIVE)
        && (window == Window.CURRENT || window == Window.OPEN_ENDED);
    Decision meaning = EXPECTED.get(kind).getOrDefault(action, Decision.NONE);
    assertThat(result.decision()).isEqualTo(inForce ? meaning : Decision.NONE);
    assertThat(result.findings()).hasSize(meaning == Decision.NONE ? 0 : 1);
    if (meaning != Decision.NONE && !inForce) {
      assertThat(result.findings().get(0).lapsed()).get().asString().containsAnyOf("revoked", "repaired",
          "publicity ended on 2026-11-26", "public only from 2026-11-28", "counts only from 2026-11-28",
          "the measure counts it 3 year(s) from 2023-01-01, until 2025-12-31");
    }
  }

  @Test
  void punishmentOutweighsReward_andEveryFindingIsReported() {
    List<ProfileEntry> entries = List.of(
        entry("red-list", Window.CURRENT, RecordStatus.RECORD_STATUS_ACTIVE, SealChecks.VERIFIED),
        entry("serious-dishonesty", Window.OPEN_ENDED, RecordStatus.RECORD_STATUS_ACTIVE, SealChecks.VERIFIED));

    JointDiscipline.Assessment result = JointDiscipline.assess(entries,
        MEASURES.governing("administrative-approval.fast-track"), TODAY);

    assertThat(result.decision()).isEqualTo(Decision.RESTRICT);
    assertThat(result.findings()).extracting(f -> f.measures().get(0).id())
        .containsExactly("rl-fast-track", "sd-no-fast-track");
    assertThat(result.findings()).allMatch(Finding::applies);
  }

  @Test
  void lastDayOfPublicity_stillCounts_theDayAfterItDoesNot() {
    ProfileEntry endsToday = entry("serious-dishonesty", "2026-01-01", "2026-11-27",
        RecordStatus.RECORD_STATUS_ACTIVE, SealChecks.VERIFIED);
    List<Measure> procurement = MEASURES.governing("public-procurement.bid");

    assertThat(JointDiscipline.assess(List.of(endsToday), procurement, TODAY).decision())
        .isEqualTo(Decision.RESTRICT);
    assertThat(JointDiscipline.assess(List.of(endsToday), procurement, TODAY.plusDays(1)).decision())
        .isEqualTo(Decision.NONE);
  }

  @Test
  void recordWhoseOriginIsNotProven_neverTriggers() {
    ProfileEntry forged = entry("serious-dishonesty", Window.CURRENT, RecordStatus.RECORD_STATUS_ACTIVE,
        "signature does not verify");

    JointDiscipline.Assessment result = JointDiscipline.assess(List.of(forged),
        MEASURES.governing("public-procurement.bid"), TODAY);

    assertThat(result.decision()).isEqualTo(Decision.NONE);
    assertThat(result.findings().get(0).lapsed()).contains("origin not proven: signature does not verify");
  }

  private static ProfileEntry entry(String kind, Window window, RecordStatus status, String sealCheck) {
    return switch (window) {
      case CURRENT -> entry(kind, "2026-01-01", "2027-01-01", status, sealCheck);
      case ENDED -> entry(kind, "2023-01-01", "2026-11-26", status, sealCheck);
      case NOT_YET -> entry(kind, "2026-11-28", "2027-11-28", status, sealCheck);
      case OPEN_ENDED -> entry(kind, "2026-01-01", "", status, sealCheck);
    };
  }

  private static ProfileEntry entry(String kind, String from, String until, RecordStatus status, String sealCheck) {
    Map<String, String> fields = kind.endsWith("-penalty")
        ? Map.of("penalty_category", kind.equals("major-penalty") ? "罚款;责令停产停业" : "警告;罚款") : Map.of();
    return entry(kind.endsWith("-penalty") ? "administrative-penalty" : kind, from, until, status, sealCheck, fields);
  }

  private static ProfileEntry entry(String type, String from, String until, RecordStatus status, String sealCheck,
      Map<String, String> fields) {
    RecordBody.Builder body = RecordBody.newBuilder().setRecordId("0".repeat(32)).setVersion(1).setType(type)
        .setSubjectId("91110105MA01ABCD0X").setStatus(status).setOriginNode("bj-chaoyang")
        .setPublicityFrom(from).setPublicityUntil(until);
    new java.util.TreeMap<>(fields).forEach((key, value) -> body.addFields(Field.newBuilder().setKey(key).setValue(value)));
    StoredVersion stored = new StoredVersion(1, RecordVersion.create(body.build()), SealProof.getDefaultInstance(),
        0, StoredVersion.Provenance.LOCAL);
    return new ProfileEntry(CATALOG.type(type), stored, false, sealCheck);
  }

  /**
   * The three classes of the national basic list of dishonesty measures (全国失信惩戒措施基础清单,
   * 发改财金规〔2021〕1827号) and incentives: each answers with its class and its legal basis.
   */
  @ParameterizedTest(name = "{0} on {1}: {2} ({3})")
  @CsvSource({
      "serious-dishonesty, public-procurement.bid,             sd-procurement-ban,  LEGAL,      政府采购法 第二十二条",
      "serious-dishonesty, administrative-approval.fast-track, sd-no-fast-track,    MANAGEMENT, 国发〔2016〕33号",
      "serious-dishonesty, regulatory-inspection.plan,         sd-key-supervision,  MANAGEMENT, 国发〔2016〕33号",
      "serious-dishonesty, bank-credit.grant,                  sd-credit-caution,   MARKET,     国发〔2016〕33号",
      "dishonest-judgment-debtor, high-consumption,            jd-high-consumption, LEGAL,      法释〔2015〕17号",
      "red-list,           administrative-approval.fast-track, rl-fast-track,       INCENTIVE,  国发〔2016〕33号",
      "commitment-breach,  administrative-approval.by-commitment, cc-no-commitment-procedure, MANAGEMENT, "
          + "国办发〔2020〕42号",
  })
  void eachMeasureClass_answersWithItsClassAndLegalBasis(String type, String action, String measureId,
      MeasureClass measureClass, String basis) {
    ProfileEntry entry = entry(type, Window.CURRENT, RecordStatus.RECORD_STATUS_ACTIVE, SealChecks.VERIFIED);

    JointDiscipline.Assessment result = JointDiscipline.assess(List.of(entry), MEASURES.governing(action), TODAY);

    Measure measure = result.findings().get(0).measures().stream().filter(m -> m.id().equals(measureId)).findFirst()
        .orElseThrow();
    assertThat(measure.measureClass()).isEqualTo(measureClass);
    assertThat(measure.legalBasis()).contains(basis);
    assertThat(result.decision()).isEqualTo(measureClass == MeasureClass.INCENTIVE ? Decision.INCENTIVE
        : Decision.RESTRICT);
  }

  /**
   * Government procurement: no bid within 3 years of a major violation record, among them a
   * 较大数额罚款 (政府采购法实施条例 第十九条; 200万元 or more by 财库〔2022〕3号; fine_amount in 万元). The
   * window runs from the decision whether or not the penalty is still public.
   */
  @ParameterizedTest(name = "fine {0} 万元 decided {1}, public until {2}, {3}: {4}")
  @CsvSource({
      "200,    2024-11-28, 2025-02-28, RECORD_STATUS_ACTIVE,   RESTRICT, art. 19: 200万元 within 3 years, publicity over",
      "350.5,  2026-06-01, 2026-09-01, RECORD_STATUS_REPAIRED, RESTRICT, art. 19: repair ends publicity, not the window",
      "199.99, 2026-06-01, 2029-06-01, RECORD_STATUS_ACTIVE,   NONE,     财库〔2022〕3号: under 200万元 is not large",
      "200,    2023-11-27, 2026-11-27, RECORD_STATUS_ACTIVE,   NONE,     art. 19: the window is the 3 years before",
      "200,    2026-06-01, 2029-06-01, RECORD_STATUS_REVOKED,  NONE,     a revoked decision is no record",
  })
  void aLargeFine_barsProcurementForThreeYearsFromTheDecision(String fine, String decided, String until,
      RecordStatus status, Decision expected, String source) {
    ProfileEntry penalty = entry("administrative-penalty", decided, until, status, SealChecks.VERIFIED,
        Map.of("penalty_category", "罚款", "fine_amount", fine));

    JointDiscipline.Assessment result = JointDiscipline.assess(List.of(penalty),
        MEASURES.governing("public-procurement.bid"), TODAY);

    assertThat(result.decision()).as(source).isEqualTo(expected);
  }

  /**
   * An enterprise's listing reaches the person who represents it where the measure's basis says
   * so (法释〔2015〕17号 第三条: an entity debtor's legal representative may not consume highly;
   * 国发〔2016〕33号: market bans on the legal representatives of seriously dishonest enterprises),
   * and only there.
   */
  @ParameterizedTest(name = "{0} of the enterprise, {1}: {2}")
  @CsvSource({
      "dishonest-judgment-debtor, high-consumption,       RESTRICT",
      "serious-dishonesty,        executive-appointment,  RESTRICT",
      "serious-dishonesty,        public-procurement.bid, NONE",
      "dishonest-judgment-debtor, public-procurement.bid, NONE",
  })
  void anEnterprisesListing_reachesItsLegalRepresentative_whereTheMeasureSaysSo(String type, String action,
      Decision expected) {
    ProfileEntry listing = entry(type, Window.CURRENT, RecordStatus.RECORD_STATUS_ACTIVE, SealChecks.VERIFIED);

    JointDiscipline.Assessment result = JointDiscipline.assess(Map.of(Reach.LEGAL_REPRESENTATIVE, List.of(listing)),
        MEASURES.governing(action), TODAY);

    assertThat(result.decision()).isEqualTo(expected);
    result.findings().forEach(f -> assertThat(f.via()).contains("91110105MA01ABCD0X"));
  }

  /**
   * And the other way, where a measure says so (reaches: represented-enterprise): a person's
   * listing restricts the enterprises they represent; a measure without it does not.
   */
  @Test
  void aPersonsListing_reachesTheEnterprisesTheyRepresent_onlyWhereTheMeasureSaysSo() {
    ProfileEntry personsListing = entry("dishonest-judgment-debtor", Window.CURRENT, RecordStatus.RECORD_STATUS_ACTIVE,
        SealChecks.VERIFIED);
    Measure reaching = new Measure("test-represented", MeasureKind.PUNISHMENT, MeasureClass.LEGAL, "测试", "test",
        new Memorandum("test", "测试", "test", "测试〔2026〕1号"), "测试〔2026〕1号",
        List.of(new Trigger("dishonest-judgment-debtor", Map.of())), List.of("public-procurement.bid"),
        java.util.Set.of(Reach.SUBJECT, Reach.REPRESENTED_ENTERPRISE), List.of("财政部"));

    assertThat(JointDiscipline.assess(Map.of(Reach.REPRESENTED_ENTERPRISE, List.of(personsListing)),
        List.of(reaching), TODAY).findings()).singleElement().satisfies(f -> {
          assertThat(f.applies()).isTrue();
          assertThat(f.reach()).isEqualTo(Reach.REPRESENTED_ENTERPRISE);
        });
    assertThat(JointDiscipline.assess(Map.of(Reach.REPRESENTED_ENTERPRISE, List.of(personsListing)),
        MEASURES.governing("public-procurement.bid"), TODAY).decision()).as("no standard measure reaches that far")
        .isEqualTo(Decision.NONE);
  }

  @Test
  void everyActionOfTheMatrix_isOneTheMeasuresGovern() {
    assertThat(MEASURES.actions()).containsExactlyInAnyOrderElementsOf(ACTIONS);
    assertThat(EXPECTED.keySet()).allMatch(kind -> CATALOG.type(kind.endsWith("-penalty") ? "administrative-penalty"
        : kind).isPresent());
  }
}
