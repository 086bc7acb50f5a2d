package org.cix.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.catalog.RecordType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Open values of a code list (issue 21): the 双公示 items allow 其他 with what it is after a dash
 * (证件类型 其他-军官证, 许可类别 其他-备案) wherever the list has 其他.
 */
class OpenCodesTest {
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "legal_rep_id_type | 护照号       | 护照号",
      "legal_rep_id_type | 其他-军官证  | 其他-军官证",
      "legal_rep_id_type | 其他－军官证 | 其他-军官证",
      "legal_rep_id_type | 其他-        | not_in_code_list",
      "legal_rep_id_type | 军官证       | not_in_code_list",
      "licence_category  | 其他-备案    | 其他-备案",
  })
  void other_withWhatItIs_isAnOpenValue(String field, String given, String expected) {
    RecordType licence = CATALOG.type("administrative-licence").orElseThrow();
    java.util.List<RowProblem> problems = new java.util.ArrayList<>();
    String value = RowStandardiser.code(licence.field(field).orElseThrow(), given, problems);
    String outcome = value != null ? value : problems.get(0).code();
    assertThat(outcome).isEqualTo(expected);
  }
}
