package org.cix.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.catalog.RecordType;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.subject.SubjectIds;
import org.cix.core.synthetic.ExampleRecords;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The subject's other identifiers, 行政相对人代码_2 to _6 of the 双公示 data items of 行政处罚 and
 * 行政许可 (issue 21): an individual business (个体工商户) without a USCC writes 17 zeros and X in
 * 统一社会信用代码 and its 工商注册号 (GB/T 17710 check digit) in 代码_2 and is known as GS + that
 * number; the 组织机构代码 (GB 11714) is the USCC's positions 9-17; the 税务登记号 has 15, 18 or 20
 * characters.
 */
class OtherIdentifiersTest {
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final SubjectIds IDS = new SubjectIds(Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"),
      ZoneOffset.UTC), PilotAllowlist.empty());
  private static final String USCC = "9144030071526726XG";

  @ParameterizedTest(name = "{0} {1} 代码_2 {2} 代码_3 {3} 代码_4 {4}: {5}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "个体工商户       | 00000000000000000X | 440305001234563 | -          | -                    | GS440305001234563",
      "个体工商户       | 00000000000000000x | 440305001234563 | -          | -                    | GS440305001234563",
      "个体工商户       | 00000000000000000X | -               | -          | -                    | registration_number:missing_field",
      "个体工商户       | 00000000000000000X | 440305001234564 | -          | -                    | registration_number:bad_registration_number",
      "法人及非法人组织 | 00000000000000000X | 440305001234563 | -          | -                    | subject_id:placeholder_uscc",
      "个体工商户       | GS440305001234563  | 440305001234563 | -          | -                    | GS440305001234563",
      "个体工商户       | GS440305001234563  | 110105600000013 | -          | -                    | registration_number:registration_number_mismatch",
      "法人及非法人组织 | 9144030071526726XG | -               | 71526726-X | -                    | 9144030071526726XG",
      "法人及非法人组织 | 9144030071526726XG | -               | 71526726X  | 9144030071526726XG   | 9144030071526726XG",
      "法人及非法人组织 | 9144030071526726XG | -               | 715267260  | -                    | organisation_code:bad_organisation_code",
      "法人及非法人组织 | 9144030071526726XG | -               | MA01ABCD5  | -                    | organisation_code:organisation_code_mismatch",
      "法人及非法人组织 | 9144030071526726XG | -               | -          | 440305715267260      | 9144030071526726XG",
      "法人及非法人组织 | 9144030071526726XG | -               | -          | 44030571526726012345 | 9144030071526726XG",
      "法人及非法人组织 | 9144030071526726XG | -               | -          | 4403057152672        | tax_number:bad_tax_number",
  })
  void aSubjectsOtherIdentifiers(String category, String subject, String registration, String organisation,
      String tax, String expected) {
    for (String typeId : new String[] {"administrative-penalty", "administrative-licence"}) {
      RecordType type = CATALOG.type(typeId).orElseThrow();
      Map<String, String> row = new HashMap<>(base(typeId));
      row.put("subject_category", category);
      row.put("subject_id", subject);
      Optional.ofNullable(registration).ifPresent(v -> row.put("registration_number", v));
      Optional.ofNullable(organisation).ifPresent(v -> row.put("organisation_code", v));
      Optional.ofNullable(tax).ifPresent(v -> row.put("tax_number", v));

      assertThat(outcome(type, row)).as(typeId).isEqualTo(expected);
    }
  }

  /** A row's subject once standardised and checked, or its first problem as field:code. */
  private static String outcome(RecordType type, Map<String, String> row) {
    Mapping mapping = MappingLoader.parse(KeyedRows.mapping(type), "test mapping", CATALOG);
    Standardised standardised = new RowStandardiser(type, mapping, IDS)
        .standardise(new SourceRow(1, "row 1", row, Optional.empty()));
    Optional<RowProblem> problem = standardised.firstProblem().or(() -> OtherIdentifiers.check(type,
        standardised.fields(), standardised.subjectId(), standardised.subjectKind()));
    return problem.map(p -> p.field() + ":" + p.code()).orElseGet(() -> {
      assertThat(standardised.fields()).containsEntry(type.subjectField(), standardised.subjectId());
      return standardised.subjectId();
    });
  }

  private static Map<String, String> base(String typeId) {
    ExampleRecords examples = new ExampleRecords(9, "440305");
    if (typeId.equals("administrative-penalty")) {
      return examples.fine(USCC, "深圳示例商行", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-09-01"), "1");
    }
    return examples.licence(USCC, "深圳示例商行", LocalDate.parse("2026-03-01"));
  }
}
