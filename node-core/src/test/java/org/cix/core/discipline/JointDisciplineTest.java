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
      "bond-issuance", "executive-appointment", "high-consumption", "administrative-approval.fast-track");

  /** What a public, active, verified record of each kind means for each action. */
  private static final Map<String, Map<String, Decision>> EXPECTED = Map.of(
      "serious-dishonesty", Map.of("public-procurement.bid", Decision.RESTRICT,
          "government-funding.apply", Decision.RESTRICT, "bond-issuance", Decision.RESTRICT,
          "executive-appointment", Decision.RESTRICT, "administrative-approval.fast-track", Decision.RESTRICT),
      "dishonest-judgment-debtor", Map.of("public-procurement.bid", Decision.RESTRICT,
          "bond-issuance", Decision.RESTRICT, "executive-appointment", Decision.RESTRICT,
          "high-consumption", Decision.RESTRICT),
      "red-list", Map.of("public-procurement.bid", Decision.INCENTIVE,
          "government-funding.apply", Decision.INCENTIVE, "administrative-approval.fast-track", Decision.INCENTIVE),
      "major-penalty", Map.of("public-procurement.bid", Decision.RESTRICT),
      "minor-penalty", Map.of(),
      "administrative-licence", Map.of(),
      "credit-rating", Map.of());

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

    boolean inForce = status == RecordStatus.RECORD_STATUS_ACTIVE
        && (window == Window.CURRENT || window == Window.OPEN_ENDED);
    Decision meaning = EXPECTED.get(kind).getOrDefault(action, Decision.NONE);
    assertThat(result.decision()).isEqualTo(inForce ? meaning : Decision.NONE);
    assertThat(result.findings()).hasSize(meaning == Decision.NONE ? 0 : 1);
    if (meaning != Decision.NONE && !inForce) {
      assertThat(result.findings().get(0).lapsed()).get().asString().containsAnyOf("revoked", "repaired",
          "publicity ended on 2026-11-26", "public only from 2026-11-28");
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
    String type = kind.endsWith("-penalty") ? "administrative-penalty" : kind;
    RecordBody.Builder body = RecordBody.newBuilder().setRecordId("0".repeat(32)).setVersion(1).setType(type)
        .setSubjectId("91110105MA01ABCD0X").setStatus(status).setOriginNode("bj-chaoyang")
        .setPublicityFrom(from).setPublicityUntil(until);
    if (type.equals("administrative-penalty")) {
      body.addFields(Field.newBuilder().setKey("penalty_category")
          .setValue(kind.equals("major-penalty") ? "罚款;责令停产停业" : "警告;罚款"));
    }
    StoredVersion stored = new StoredVersion(1, RecordVersion.create(body.build()), SealProof.getDefaultInstance(),
        0, StoredVersion.Provenance.LOCAL);
    return new ProfileEntry(CATALOG.type(type), stored, false, sealCheck);
  }

  @Test
  void everyActionOfTheMatrix_isOneTheMeasuresGovern() {
    assertThat(MEASURES.actions()).containsExactlyInAnyOrderElementsOf(ACTIONS);
    assertThat(EXPECTED.keySet()).allMatch(kind -> CATALOG.type(kind.endsWith("-penalty") ? "administrative-penalty"
        : kind).isPresent());
  }
}
