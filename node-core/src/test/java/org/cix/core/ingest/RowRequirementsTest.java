package org.cix.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.catalog.RecordType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cross-field rules of a penalty row (issue 21), from the 双公示 data items of 行政处罚 (the
 * national standard for administrative penalty information, fields 罚款金额, 没收违法所得、没收非法
 * 财物的金额, 暂扣或吊销证照名称及编号): a chosen category needs the item it names.
 */
class RowRequirementsTest {
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());

  @ParameterizedTest(name = "{0} with [{1}]: {2}")
  @CsvSource(delimiter = '|', value = {
      "警告              | -                                    | accepted",
      "罚款              | -                                    | fine_amount",
      "罚款              | fine_amount=5                        | accepted",
      "警告;罚款         | -                                    | fine_amount",
      "没收违法所得      | fine_amount=5                        | confiscated_amount",
      "没收非法财物      | confiscated_amount=1.5               | accepted",
      "罚款;没收违法所得 | fine_amount=5,confiscated_amount=0.5 | accepted",
      "暂扣许可证件      | -                                    | suspended_licence",
      "吊销许可证件      | suspended_licence=食品经营许可证 JY1 | accepted",
  })
  void aChosenCategory_needsTheItemItNames(String categories, String given, String expected) {
    RecordType penalty = CATALOG.type("administrative-penalty").orElseThrow();
    Map<String, String> fields = new HashMap<>();
    fields.put("penalty_category", categories);
    if (!given.equals("-")) {
      for (String pair : given.split(",")) {
        fields.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
    }
    assertThat(RowRequirements.check(penalty, fields).map(p -> p.field() + ":" + p.code())
        .orElse("accepted")).isEqualTo(expected.equals("accepted") ? "accepted" : expected + ":missing_field");
  }
}
