package org.cix.core.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.cix.core.region.Regions;
import org.cix.core.subject.ResidentIds;
import org.cix.core.subject.Usccs;

/**
 * Synthetic administrative-penalty exports as a district market-regulation bureau would send
 * them: Chinese column names, valid USCCs and resident ID numbers over real region codes, about
 * 1 KiB a row, and a chosen share of defective rows (bad check digits, impossible dates, missing
 * fields, unknown penalty categories). Deterministic for a seed.
 */
public final class PenaltyExports {
  public static final List<String> COLUMNS = List.of("行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人",
      "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别", "处罚内容", "罚款金额（万元）", "处罚决定日期",
      "处罚有效期", "公示截止期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码",
      "行业代码", "没收违法所得、没收非法财物的金额（万元）");
  /** GB/T 4754 classes the generated subjects work in (retail, software, catering, building, food, freight, ...). */
  private static final String[] INDUSTRIES = {"F5212", "I6510", "H6210", "E4710", "C1391", "G5430", "F5151",
      "R8610"};
  private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
  private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "军", "杰", "涛"};
  private static final String[] TRADES = {"商贸", "科技", "餐饮管理", "建筑工程", "食品", "物流", "医药", "文化传媒"};
  private static final String[][] VIOLATIONS = {
      {"销售不符合食品安全标准的食品", "《中华人民共和国食品安全法》第一百二十四条第一款", "罚款;没收违法所得"},
      {"未按规定公示年度报告", "《企业信息公示暂行条例》第十七条", "警告"},
      {"虚假宣传", "《中华人民共和国反不正当竞争法》第二十条", "罚款"},
      {"无证经营", "《无证无照经营查处办法》第十三条", "罚款;没收非法财物"},
      {"价格欺诈", "《中华人民共和国价格法》第四十条", "罚款;责令停产停业"}};

  private final Random random;
  /** Defects come from their own stream, so row n is the same subject with or without them. */
  private final Random defectRandom;
  /** Industries come from their own stream too, so adding them changed no other column. */
  private final Random industryRandom;
  private final double defectShare;
  private final String district;
  private final String districtName;
  private final String authorityUscc;
  private final String authorityName;
  private final String abbreviation;
  private final long seed;
  private String industry = "";

  /**
   * @param district a county-level GB/T 2260 code: subjects and the authority are registered there
   * @param defectShare share of rows with one defect, 0..1
   */
  public PenaltyExports(long seed, String district, double defectShare) {
    this.seed = seed;
    this.random = new Random(seed);
    this.defectRandom = new Random(seed * 31 + 7);
    this.industryRandom = new Random(seed * 17 + 3);
    this.district = district;
    this.defectShare = defectShare;
    this.districtName = Regions.standard().fullName(district);
    this.authorityName = SyntheticDepartments.name(district, SyntheticDepartments.Kind.MARKET_REGULATION);
    this.authorityUscc = SyntheticDepartments.uscc(district, SyntheticDepartments.Kind.MARKET_REGULATION);
    this.abbreviation = "市监罚";
  }

  /** Every row in industry {@code code} (GB/T 4754) instead of one drawn from a few; returns this. */
  public PenaltyExports allInIndustry(String code) {
    this.industry = code;
    return this;
  }

  /** The USCC of the generated exports' penalising authority (and source department). */
  public String authorityUscc() {
    return authorityUscc;
  }

  /** A mapping file for these exports. */
  public static String mapping(Charset encoding) {
    return "type: administrative-penalty\nformat: csv\nencoding: " + encoding.name() + "\n"
        + "columns:\n"
        + "  subject_name: 行政相对人名称\n  subject_category: 行政相对人类别\n  subject_id: 统一社会信用代码\n"
        + "  legal_representative: 法定代表人\n  decision_number: 行政处罚决定书文号\n  violation_type: 违法行为类型\n"
        + "  violation_facts: 违法事实\n  legal_basis: 处罚依据\n  penalty_category: 处罚类别\n"
        + "  penalty_content: 处罚内容\n  fine_amount: 罚款金额（万元）\n  decision_date: 处罚决定日期\n"
        + "  penalty_valid_to: 处罚有效期\n  publicity_end: 公示截止期\n  authority: 处罚机关\n"
        + "  authority_uscc: 处罚机关统一社会信用代码\n  source_unit: 数据来源单位\n"
        + "  source_unit_uscc: 数据来源单位统一社会信用代码\n  industry_code: 行业代码\n"
        + "  confiscated_amount: 没收违法所得、没收非法财物的金额（万元）\n"
        + "values:\n  subject_category:\n    法人: 法人及非法人组织\n    个体: 个体工商户\n";
  }

  /** Writes a header and {@code rows} rows; returns how many rows carry a defect. */
  public int write(OutputStream out, Charset encoding, int rows) throws IOException {
    ExportWriter writer = new ExportWriter(out, encoding, COLUMNS);
    int defects = 0;
    for (int i = 1; i <= rows; i++) {
      String[] row = row(i);
      if (defectRandom.nextDouble() < defectShare) {
        defect(row);
        defects++;
      }
      writer.row(row);
    }
    writer.flush();
    return defects;
  }

  /** The subject of row {@code n} of the exports made with {@code seed} in {@code district}. */
  public static String subjectOfRow(long seed, String district, int n) {
    PenaltyExports exports = new PenaltyExports(seed, district, 0);
    String[] row = null;
    for (int i = 1; i <= n; i++) {
      row = exports.row(i);
    }
    return row[2];
  }

  /**
   * One row; the decision number (its series the seed: one department decides for every seed)
   * makes row {@code n} the same record in every run with the seed.
   */
  String[] row(int n) {
    boolean person = random.nextInt(10) == 0;
    String subjectName;
    String category;
    String subjectId;
    String representative = name();
    if (person) {
      subjectName = representative;
      category = "自然人";
      subjectId = residentId();
      representative = "";
    } else {
      boolean individual = random.nextInt(5) == 0;
      subjectName = districtName + representative + TRADES[random.nextInt(TRADES.length)]
          + (individual ? "经营部" : "有限公司");
      category = individual ? "个体" : "法人";
      subjectId = uscc('9', individual ? '2' : '1', district);
    }
    String[] violation = VIOLATIONS[random.nextInt(VIOLATIONS.length)];
    LocalDate decided = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(1000));
    int fine = 1 + random.nextInt(50);
    String facts = "经查，当事人于" + decided.minusDays(30 + random.nextInt(60)) + "在" + districtName
        + "经营场所内" + violation[0] + "，涉案货值金额" + (1000 + random.nextInt(90000)) + "元，违法所得"
        + random.nextInt(20000) + "元。执法人员现场检查时发现相关票据、台账及实物，当事人对上述事实无异议。"
        + "上述行为违反了相关法律法规的规定，事实清楚、证据确凿，当事人在规定期限内未提出陈述申辩意见。";
    return new String[] {
        subjectName, category, subjectId, representative,
        districtCode() + abbreviation + "〔" + decided.getYear() + "〕" + seed + "-" + n + "号",
        violation[0], facts, violation[1], violation[2],
        "依据" + violation[1] + "，决定给予" + violation[2].replace(";", "、") + "的行政处罚，罚款人民币" + fine + "万元。",
        Integer.toString(fine), decided.toString(), decided.plusYears(1).toString(),
        random.nextBoolean() ? decided.plusYears(1).toString() : "",
        authorityName, authorityUscc, authorityName, authorityUscc,
        industry.isEmpty() ? INDUSTRIES[industryRandom.nextInt(INDUSTRIES.length)] : industry,
        // what was confiscated, where the categories say so (a tenth of the fine: no draw, so the
        // rows after stay as they were)
        violation[2].contains("没收") ? String.format(java.util.Locale.ROOT, "%.1f", fine / 10.0) : ""};
  }

  private String districtCode() {
    return districtName.length() >= 2 ? districtName.substring(districtName.length() - 3, districtName.length() - 1)
        : "区";
  }

  private void defect(String[] row) {
    switch (defectRandom.nextInt(4)) {
      case 0 -> row[2] = row[2].substring(0, 17) + (row[2].charAt(17) == '0' ? '1' : '0');
      case 1 -> row[11] = "2025-13-45";
      case 2 -> row[14] = "";
      default -> row[8] = "罚没";
    }
  }

  private String name() {
    return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
        + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : "");
  }

  String uscc(char authority, char type, String region) {
    return uscc(random, authority, type, region);
  }

  /** A valid USCC registered in {@code region}. */
  public static String uscc(Random random, char authority, char type, String region) {
    String body;
    char check;
    do {
      StringBuilder b = new StringBuilder(8);
      for (int i = 0; i < 8; i++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      body = b.toString();
      check = Usccs.organisationCheckCharacter(body);
    } while (ALPHABET.indexOf(check) < 0);
    String first17 = "" + authority + type + region + body + check;
    return first17 + Usccs.checkCharacter(first17);
  }

  private String residentId() {
    return residentId(random, district);
  }

  /** A valid resident ID number of someone registered in {@code district}. */
  public static String residentId(Random random, String district) {
    LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20000));
    String first17 = district + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
    return first17 + ResidentIds.checkCharacter(first17);
  }
}
