package org.cix.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {
  private static final Path CONF = Path.of("..", "conf", "catalog");
  @TempDir Path dir;

  @Test
  void standard_hasItsEightTypes_withTheDoublePublicityItems() {
    Catalog catalog = CatalogLoader.load(CatalogSource.standard());

    assertThat(catalog.types()).extracting(RecordType::id).containsExactly("administrative-licence",
        "administrative-penalty", "serious-dishonesty", "red-list", "dishonest-judgment-debtor", "credit-commitment",
        "commitment-breach", "credit-rating", "measure-feedback", "correction-request", "correction-decision",
        "industry-policy", "node-report", "certificate-revocation", "department");
    assertThat(catalog.type("measure-feedback").orElseThrow().address()).contains("origin_jurisdiction");
    RecordType licence = catalog.type("administrative-licence").orElseThrow();
    assertThat(licence.fields()).extracting(FieldDef::label).contains("行政相对人名称", "行政相对人类别",
        "法定代表人", "行政许可决定文书名称", "行政许可决定文书号", "许可类别", "许可证书名称", "许可编号", "许可内容",
        "许可决定日期", "有效期自", "有效期至", "许可机关", "许可机关统一社会信用代码", "数据来源单位",
        "数据来源单位统一社会信用代码");
    assertThat(licence.identity()).containsExactly("decision_doc_number", "authority_uscc");
    assertThat(licence.field("licence_category").orElseThrow().codes())
        .containsExactly("普通", "特许", "认可", "核准", "登记", "其他");
    RecordType penalty = catalog.type("administrative-penalty").orElseThrow();
    assertThat(penalty.fields()).extracting(FieldDef::label).contains("行政处罚决定书文号", "违法行为类型", "违法事实",
        "处罚依据", "处罚类别", "处罚内容", "罚款金额（万元）", "没收违法所得、没收非法财物的金额（万元）",
        "暂扣或吊销证照名称及编号", "处罚决定日期", "处罚有效期", "公示截止期", "处罚机关", "处罚机关统一社会信用代码");
    assertThat(penalty.publicity()).isEqualTo(
        new Publicity("decision_date", List.of("publicity_end"), Optional.of(Period.ofYears(3)),
            Optional.of(Period.ofMonths(3)), Optional.of(Period.ofMonths(3)), Optional.of(Period.ofYears(3)),
            List.of("食品", "药品", "特种设备", "安全生产", "消防").stream()
                .map(domain -> new LongerMinimum("penalty_domain", domain, Period.ofYears(1))).toList()));
    assertThat(catalog.type("serious-dishonesty").orElseThrow().routing()).containsExactlyInAnyOrder(Route.UP, Route.DOWN, Route.PEERS);
    assertThat(catalog.type("credit-rating").orElseThrow().sharing()).isEqualTo(SharingLevel.CONDITIONAL);
  }

  @Test
  void version_isTheContentHash_sameFromTheBuildAndFromConf() throws Exception {
    String version = CatalogLoader.load(CatalogSource.standard()).version();

    assertThat(version).matches("[0-9a-f]{64}");
    assertThat(CatalogLoader.load(CatalogSource.directory(CONF)).version()).isEqualTo(version);

    copyConf();
    Path rating = dir.resolve("credit-rating.yaml");
    Files.writeString(rating, Files.readString(rating).replace("max: 16", "max: 17"));
    assertThat(CatalogLoader.load(CatalogSource.directory(dir)).version()).isNotEqualTo(version);
  }

  @Test
  void load_brokenCatalog_reportsEveryError() throws Exception {
    copyConf();
    Path penalty = dir.resolve("administrative-penalty.yaml");
    Files.writeString(penalty, Files.readString(penalty)
        .replace("identity: [decision_number, authority_uscc]", "identity: [decision_no, fine_amount]")
        .replace("sharing: unconditional", "sharing: public")
        .replace("routing: [up, peers]", "routing: [up, sideways]")
        .replace("default: 3y", "default: forever")
        .replace("type: decimal}", "type: money}")
        .replace("codes: [警告,", "codez: [警告,"));
    Files.writeString(dir.resolve("catalog.yaml"), Files.readString(dir.resolve("catalog.yaml"))
        + "  - missing-type.yaml\n");

    assertThatThrownBy(() -> CatalogLoader.load(CatalogSource.directory(dir)))
        .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.errors()).contains(
            "administrative-penalty.yaml: sharing: 'public' is not a sharing level (unconditional, conditional, not-shared)",
            "administrative-penalty.yaml: routing: 'sideways' is not a route (up, down, peers, origin)",
            "administrative-penalty.yaml: publicity.default: expected a period such as 3y, 6m or 90d, got 'forever'",
            "administrative-penalty.yaml: fields[12].type: unknown type 'money' (text, code, codes, date, decimal, "
                + "integer, subject-id, uscc, industry)",
            "administrative-penalty.yaml: fields[13].type: unknown type 'money' (text, code, codes, date, decimal, "
                + "integer, subject-id, uscc, industry)",
            "administrative-penalty.yaml: identity: names no field of this type: 'decision_no'",
            "administrative-penalty.yaml: fields[10].codez: unknown key",
            "administrative-penalty.yaml: fields[10].codes: a codes field needs its code list",
            "missing-type.yaml: file not found"))
        .hasMessageContaining("errors in the catalog");
  }

  @Test
  void load_identityFieldsMustExistAndBeRequired() throws Exception {
    copyConf();
    Path licence = dir.resolve("administrative-licence.yaml");
    Files.writeString(licence, Files.readString(licence)
        .replace("identity: [decision_doc_number, authority_uscc]", "identity: [decision_no, remarks]")
        .replace("until: valid_to", "until: content"));

    assertThatThrownBy(() -> CatalogLoader.load(CatalogSource.directory(dir)))
        .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.errors()).containsExactlyInAnyOrder(
            "administrative-licence.yaml: identity: names no field of this type: 'decision_no'",
            "administrative-licence.yaml: identity: field 'remarks' identifies records, so it must be required",
            "administrative-licence.yaml: publicity.until: 'content' is not a date field of this type"));
  }

  private void copyConf() {
    ShippedConf.copy("catalog", dir);
  }
}
