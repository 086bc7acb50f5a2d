package org.cix.core.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.cix.core.region.Regions;

/**
 * Synthetic serious-dishonesty list entries (严重失信主体名单) as a district's market-regulation
 * bureau lists them: valid USCCs registered in the district, one listing decision per row, each
 * naming its legal representative by a valid resident ID number.
 * Deterministic for a seed; rows are told apart by their decision numbers (batch, seed, row), so
 * a different {@code batch} or seed gives new entries.
 */
public final class DishonestyListings {
  public static final List<String> COLUMNS = List.of("失信主体名称", "主体类别", "统一社会信用代码", "名单名称",
      "列入原因", "列入依据", "认定文书号", "列入日期", "认定部门", "认定部门统一社会信用代码", "数据来源单位",
      "数据来源单位统一社会信用代码", "法定代表人", "法定代表人证件类型", "法定代表人证件号码");

  private final Random random;
  private final String district;
  private final String districtName;
  private final String authorityUscc;
  private final long seed;

  public DishonestyListings(long seed, String district) {
    this.seed = seed;
    this.random = new Random(seed);
    this.district = district;
    this.districtName = Regions.standard().fullName(district);
    this.authorityUscc = SyntheticDepartments.uscc(district, SyntheticDepartments.Kind.MARKET_REGULATION);
  }

  /** The subjects an export made by {@link #write} lists, in its order. */
  public static List<String> subjects(String export) {
    return column(export, "统一社会信用代码");
  }

  /** The legal representatives (resident ID numbers) of the subjects {@link #subjects} lists, in its order. */
  public static List<String> representatives(String export) {
    return column(export, "法定代表人证件号码");
  }

  private static List<String> column(String export, String name) {
    int column = COLUMNS.indexOf(name);
    return export.lines().skip(1).filter(line -> !line.isBlank()).map(line -> line.split(",")[column]).toList();
  }

  /** A mapping file for these exports (UTF-8 CSV). */
  public static String mapping() {
    return "type: serious-dishonesty\nformat: csv\nencoding: UTF-8\ncolumns:\n"
        + "  subject_name: 失信主体名称\n  subject_category: 主体类别\n  subject_id: 统一社会信用代码\n"
        + "  list_name: 名单名称\n  listing_reason: 列入原因\n  listing_basis: 列入依据\n"
        + "  listing_doc_number: 认定文书号\n  listing_date: 列入日期\n  listing_authority: 认定部门\n"
        + "  listing_authority_uscc: 认定部门统一社会信用代码\n  source_unit: 数据来源单位\n"
        + "  source_unit_uscc: 数据来源单位统一社会信用代码\n  legal_representative: 法定代表人\n"
        + "  legal_rep_id_type: 法定代表人证件类型\n  legal_rep_id_number: 法定代表人证件号码\n";
  }

  /** Writes a header and {@code rows} entries of batch {@code batch}. */
  public void write(OutputStream out, int batch, int rows) throws IOException {
    ExportWriter writer = new ExportWriter(out, StandardCharsets.UTF_8, COLUMNS);
    String authority = districtName + "市场监督管理局";
    for (int i = 1; i <= rows; i++) {
      String subject = PenaltyExports.uscc(random, '9', '1', district);
      writer.row(new String[] {
          districtName + "失信示例" + batch + "-" + i + "有限公司", "法人及非法人组织", subject,
          "严重违法失信名单", "因同一性质违法行为受到行政处罚，拒不履行行政处罚决定", "《市场监督管理严重违法失信名单管理办法》第二条",
          "失信认定〔" + batch + "〕" + seed + "-" + i + "号", LocalDate.of(2026, 1, 1).plusDays(random.nextInt(300)).toString(),
          authority, authorityUscc, authority, authorityUscc, "失信示例代表" + batch + "-" + i, "身份证",
          PenaltyExports.residentId(random, district)});
    }
    writer.flush();
  }
}
