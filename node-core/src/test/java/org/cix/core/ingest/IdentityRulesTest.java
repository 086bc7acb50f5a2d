package org.cix.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.catalog.RecordType;
import org.cix.core.subject.IdCheck;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.subject.SubjectIds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who a row is about agrees with how it is identified (issue 21), after the 双公示 data items of
 * 行政处罚 and 行政许可 (行政相对人类别 法人及非法人组织 / 自然人 / 个体工商户 with 统一社会信用代码 or
 * 证件号码; 法定代表人证件类型 and 证件号码): a natural person by a person's number, an organisation by
 * its USCC, an individual business by either; a legal representative's 身份证 number is checked.
 */
class IdentityRulesTest {
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final SubjectIds IDS = new SubjectIds(Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"),
      ZoneOffset.UTC), PilotAllowlist.empty());

  @ParameterizedTest(name = "{0}, {1}, legal representative {2} {3}: {4}")
  @CsvSource(delimiter = '|', value = {
      "法人及非法人组织 | 9144030071526726XG | -      | -                  | accepted",
      "法人及非法人组织 | 11010519491231002X | -      | -                  | subject_id:organisation_without_uscc",
      "自然人           | 11010519491231002X | -      | -                  | accepted",
      "自然人           | 9144030071526726XG | -      | -                  | subject_id:person_without_person_id",
      "自然人           | 810000199001010019 | -      | -                  | accepted",
      "个体工商户       | 9244030071526726XD | -      | -                  | accepted",
      "个体工商户       | 11010519491231002X | -      | -                  | accepted",
      "法人及非法人组织 | 9144030071526726XG | 身份证 | 11010519491231002X | accepted",
      "法人及非法人组织 | 9144030071526726XG | 身份证 | 110105194912310021 | legal_rep_id_number:bad_legal_rep_id",
      "法人及非法人组织 | 9144030071526726XG | 护照号 | E12345678          | accepted",
  })
  void theSubjectsCategoryAndIdentifierAgree(String category, String subject, String repType, String repNumber,
      String expected) {
    for (String typeId : new String[] {"administrative-penalty", "administrative-licence"}) {
      RecordType type = CATALOG.type(typeId).orElseThrow();
      Map<String, String> fields = new HashMap<>();
      fields.put("subject_category", category);
      fields.put(type.subjectField(), subject);
      if (!repType.equals("-")) {
        fields.put("legal_rep_id_type", repType);
        fields.put("legal_rep_id_number", repNumber);
      }
      IdCheck id = IDS.check(subject);
      assertThat(IdentityRules.check(type, fields, id.kind().orElse(null), IDS).map(p -> p.field() + ":" + p.code())
          .orElse("accepted")).as(typeId).isEqualTo(expected);
    }
  }

  /**
   * Penalties of minors are not published (中华人民共和国未成年人保护法, 2020 revision, art. 103: no
   * disclosure of minors' identifiable information in cases): the birth date inside the person's
   * number against the decision date.
   */
  @ParameterizedTest(name = "{0} {1} decided {2}: {3}")
  @CsvSource({
      "administrative-penalty, 110105201001010010, 2026-01-01, minor_not_published, 16 on the decision date",
      "administrative-penalty, 110105200801010014, 2025-12-31, minor_not_published, 18 the day after",
      "administrative-penalty, 110105200801010014, 2026-01-01, accepted,            18 on the decision date",
      "administrative-penalty, 9144030071526726XG, 2026-01-01, accepted,            an enterprise has no age",
      "administrative-licence, 110105201001010010, 2026-01-01, accepted,            a licence is not a penalty",
  })
  void aPenaltyOfAMinor_isNotPublished(String typeId, String subject, String decided, String expected,
      String why) {
    RecordType type = CATALOG.type(typeId).orElseThrow();
    IdCheck id = IDS.check(subject);
    Map<String, String> fields = new HashMap<>(Map.of(type.publicity().fromField(), decided));

    assertThat(MinorsRule.check(type, fields, id.normalised().orElseThrow(), id.kind().orElseThrow())
        .map(RowProblem::code).orElse("accepted")).as(why).isEqualTo(expected);
  }
}
