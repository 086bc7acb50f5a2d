package org.cix.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.synthetic.LicenceExports;
import org.cix.core.synthetic.PenaltyExports;
import org.junit.jupiter.api.Test;

class MappingLoaderTest {
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());

  @Test
  void generatorsMappings_areValid() {
    Mapping penalties = MappingLoader.parse(PenaltyExports.mapping(StandardCharsets.UTF_8), "p", CATALOG);
    Mapping licences = MappingLoader.parse(LicenceExports.mapping(java.nio.charset.Charset.forName("GBK")), "l", CATALOG);

    assertThat(penalties.type()).isEqualTo("administrative-penalty");
    assertThat(penalties.columns()).containsEntry("subject_id", "统一社会信用代码");
    assertThat(penalties.values().get("subject_category")).containsEntry("法人", "法人及非法人组织");
    assertThat(licences.encoding().name()).isEqualTo("GBK");
  }

  @Test
  void typeFromTheCommandLine_standsInOrMustAgree() {
    String withoutType = PenaltyExports.mapping(StandardCharsets.UTF_8).replace("type: administrative-penalty\n", "");

    assertThat(MappingLoader.parse(withoutType, "m", CATALOG, Optional.of("administrative-penalty")).type())
        .isEqualTo("administrative-penalty");
    assertThatThrownBy(() -> MappingLoader.parse(PenaltyExports.mapping(StandardCharsets.UTF_8), "m", CATALOG,
        Optional.of("administrative-licence")))
        .hasMessageContaining("type: the mapping is for administrative-penalty, not for administrative-licence");
    assertThatThrownBy(() -> MappingLoader.parse(withoutType, "m", CATALOG, Optional.of("no-such-type")))
        .hasMessageContaining("'no-such-type' is not a type of catalog");
  }

  @Test
  void badMapping_reportsEveryError() {
    String yaml = """
        type: administrative-penalty
        format: xml
        encoding: EBCDIC-9
        columns:
          subject_name: 名称
          subject_idd: 代码
        constants:
          subject_name: 某公司
        date-formats: [yyyy-MM-dd, "yyyy-qq-bogus{"]
        colour: blue
        """;

    assertThatThrownBy(() -> MappingLoader.parse(yaml, "bad.yaml", CATALOG))
        .hasMessageContaining("bad.yaml: ")
        .hasMessageContaining("format: 'xml' is not csv or jsonl")
        .hasMessageContaining("encoding: 'EBCDIC-9' is not a known encoding")
        .hasMessageContaining("columns.subject_idd: 'subject_idd' is not a field of administrative-penalty")
        .hasMessageContaining("constants.subject_name: already mapped from column '名称'")
        .hasMessageContaining("date-formats: 'yyyy-qq-bogus{' is not a date pattern")
        .hasMessageContaining("colour: unknown key")
        .hasMessageContaining("columns: required field decision_number (行政处罚决定书文号) has no column or constant");
  }
}
