package org.cix.core.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.cix.core.region.Regions;

/**
 * Synthetic administrative-licence exports (双公示 licence items) from a district's licensing
 * bureau, with a chosen share of defective rows; deterministic for a seed. Subjects are drawn
 * from the same generator as {@link PenaltyExports} with the same seed, so the two exports of one
 * district share subjects.
 */
public final class LicenceExports {
  public static final List<String> COLUMNS = List.of("行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人",
      "行政许可决定文书名称", "行政许可决定文书号", "许可类别", "许可证书名称", "许可编号", "许可内容", "许可决定日期",
      "有效期自", "有效期至", "许可机关", "许可机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码");
  private static final String[][] LICENCES = {
      {"食品经营许可", "食品经营许可证", "预包装食品销售；散装食品销售；热食类食品制售"},
      {"建筑工程施工许可", "建筑工程施工许可证", "新建商业综合体项目施工"},
      {"药品经营许可", "药品经营许可证", "中成药、化学药制剂、抗生素制剂零售"},
      {"公共场所卫生许可", "卫生许可证", "住宿、美容美发场所经营"}};

  private final Random random;
  private final PenaltyExports subjects;
  private final double defectShare;
  private final String authorityName;
  private final String authorityUscc;
  private final long seed;

  public LicenceExports(long seed, String district, double defectShare) {
    this.seed = seed;
    this.random = new Random(seed ^ 0x5DEECE66DL);
    this.subjects = new PenaltyExports(seed, district, 0);
    this.defectShare = defectShare;
    this.authorityName = SyntheticDepartments.name(district, SyntheticDepartments.Kind.GOVERNMENT_SERVICES);
    this.authorityUscc = SyntheticDepartments.uscc(district, SyntheticDepartments.Kind.GOVERNMENT_SERVICES);
  }

  public static String mapping(Charset encoding) {
    return "type: administrative-licence\nformat: csv\nencoding: " + encoding.name() + "\n"
        + "columns:\n"
        + "  subject_name: 行政相对人名称\n  subject_category: 行政相对人类别\n  subject_id: 统一社会信用代码\n"
        + "  legal_representative: 法定代表人\n  decision_doc_name: 行政许可决定文书名称\n"
        + "  decision_doc_number: 行政许可决定文书号\n  licence_category: 许可类别\n  certificate_name: 许可证书名称\n"
        + "  licence_number: 许可编号\n  content: 许可内容\n  decision_date: 许可决定日期\n  valid_from: 有效期自\n"
        + "  valid_to: 有效期至\n  authority: 许可机关\n  authority_uscc: 许可机关统一社会信用代码\n"
        + "  source_unit: 数据来源单位\n  source_unit_uscc: 数据来源单位统一社会信用代码\n"
        + "values:\n  subject_category:\n    法人: 法人及非法人组织\n    个体: 个体工商户\n";
  }

  /** Writes a header and {@code rows} rows; returns how many rows carry a defect. */
  public int write(OutputStream out, Charset encoding, int rows) throws IOException {
    ExportWriter writer = new ExportWriter(out, encoding, COLUMNS);
    int defects = 0;
    for (int i = 1; i <= rows; i++) {
      String[] penalty = subjects.row(i);
      String[] licence = LICENCES[random.nextInt(LICENCES.length)];
      LocalDate decided = LocalDate.of(2023, 1, 1).plusDays(random.nextInt(1200));
      String[] row = {penalty[0], penalty[1], penalty[2], penalty[3], "准予" + licence[0] + "决定书",
          "许准字〔" + decided.getYear() + "〕" + seed + "-" + i + "号", random.nextInt(4) == 0 ? "特许" : "普通", licence[1],
          "JY" + (11_000_000 + i), licence[2], decided.toString(), decided.toString(), decided.plusYears(5).toString(),
          authorityName, authorityUscc, authorityName, authorityUscc};
      if (random.nextDouble() < defectShare) {
        switch (random.nextInt(3)) {
          case 0 -> row[2] = row[2].substring(0, 17) + (row[2].charAt(17) == '0' ? '1' : '0');
          case 1 -> row[12] = "永久";
          default -> row[6] = "许可";
        }
        defects++;
      }
      writer.row(row);
    }
    writer.flush();
    return defects;
  }
}
