package org.cix.core.synthetic;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.cix.core.region.Regions;

/**
 * Single records written out field by field, for the demo and the tests of joint discipline: a
 * red-list entry and a major administrative penalty (one that bars procurement while public),
 * with valid identifiers registered in a district. Ingest them with {@link org.cix.core.ingest.KeyedRows}.
 */
public final class ExampleRecords {
  private final String district;
  private final String districtName;
  private final Random random;

  public ExampleRecords(long seed, String district) {
    this.district = district;
    this.districtName = Regions.standard().fullName(district);
    this.random = new Random(seed);
  }

  /** A new valid USCC of an enterprise registered in the district. */
  public String enterprise() {
    return PenaltyExports.uscc(random, '9', '1', district);
  }

  /** A new valid resident ID number of a person registered in the district. */
  public String person() {
    return PenaltyExports.residentId(random, district);
  }

  /** A tax credit rating of {@code subject} (conditional sharing: partners need a grant). */
  public Map<String, String> rating(String subject, String name, LocalDate rated, String grade) {
    Map<String, String> row = about(subject, name, "法人及非法人组织");
    row.put("rating_system", "纳税信用评价");
    row.put("grade", grade);
    row.put("rating_date", rated.toString());
    return decidedBy(row, "rating_unit", "税务局");
  }

  /** {@code subject} on the district's red list (守信红名单) since {@code awarded}, open-ended. */
  public Map<String, String> redList(String subject, String name, LocalDate awarded) {
    Map<String, String> row = about(subject, name, "法人及非法人组织");
    row.put("list_name", "守信激励对象名单");
    row.put("honour", "纳税信用A级且连续三年无失信记录");
    row.put("award_doc_number", "守信认定〔" + awarded.getYear() + "〕" + (1 + random.nextInt(999)) + "号");
    row.put("award_date", awarded.toString());
    return decidedBy(row, "awarding_authority", "发展和改革委员会");
  }

  /**
   * An order to stop production (责令停产停业) against {@code subject}, decided on {@code decided},
   * public until {@code publicityEnd}.
   */
  public Map<String, String> majorPenalty(String subject, String name, LocalDate decided, LocalDate publicityEnd) {
    return majorPenalty(subject, name, "法人及非法人组织", decided, publicityEnd);
  }

  /** The same against a subject of {@code category} (自然人 for a person). */
  public Map<String, String> majorPenalty(String subject, String name, String category, LocalDate decided,
      LocalDate publicityEnd) {
    Map<String, String> row = about(subject, name, category);
    row.put("decision_number", "应急罚〔" + decided.getYear() + "〕" + (1 + random.nextInt(999)) + "号");
    row.put("violation_type", "未按规定进行安全生产检查");
    row.put("violation_facts", "经查，当事人存在重大事故隐患且未及时排除");
    row.put("legal_basis", "《中华人民共和国安全生产法》第一百零二条");
    row.put("penalty_category", "罚款;责令停产停业");
    row.put("penalty_content", "罚款5万元，责令停产停业整顿");
    row.put("fine_amount", "5");
    row.put("decision_date", decided.toString());
    row.put("penalty_valid_to", decided.plusMonths(6).toString());
    row.put("publicity_end", publicityEnd.toString());
    return decidedBy(row, "authority", "应急管理局");
  }

  /**
   * A fine of {@code tenThousandYuan} 万元 against {@code subject} for a market-regulation offence,
   * decided on {@code decided}, public until {@code publicityEnd}.
   */
  public Map<String, String> fine(String subject, String name, LocalDate decided, LocalDate publicityEnd,
      String tenThousandYuan) {
    Map<String, String> row = about(subject, name, "法人及非法人组织");
    row.put("decision_number", "市监罚〔" + decided.getYear() + "〕" + (1 + random.nextInt(999)) + "号");
    row.put("violation_type", "虚假宣传");
    row.put("violation_facts", "经查，当事人在产品推广中作虚假的商业宣传，违法所得数额巨大");
    row.put("legal_basis", "《中华人民共和国反不正当竞争法》第二十条");
    row.put("penalty_category", "罚款");
    row.put("penalty_content", "罚款" + tenThousandYuan + "万元");
    row.put("fine_amount", tenThousandYuan);
    row.put("decision_date", decided.toString());
    row.put("penalty_valid_to", decided.plusMonths(1).toString());
    row.put("publicity_end", publicityEnd.toString());
    return decidedBy(row, "authority", "市场监督管理局");
  }

  /** A food business licence of {@code subject} granted on {@code decided}, valid five years. */
  public Map<String, String> licence(String subject, String name, LocalDate decided) {
    Map<String, String> row = about(subject, name, "法人及非法人组织");
    row.put("decision_doc_name", "食品经营许可决定书");
    row.put("decision_doc_number", "食许〔" + decided.getYear() + "〕" + (1 + random.nextInt(999)) + "号");
    row.put("licence_category", "普通");
    row.put("certificate_name", "食品经营许可证");
    row.put("content", "预包装食品销售");
    row.put("decision_date", decided.toString());
    row.put("valid_from", decided.toString());
    row.put("valid_to", decided.plusYears(5).minusDays(1).toString());
    return decidedBy(row, "authority", "市场监督管理局");
  }

  /** {@code subject} on the serious-dishonesty list from {@code listed} until {@code plannedEnd}. */
  public Map<String, String> listing(String subject, String name, LocalDate listed, LocalDate plannedEnd) {
    Map<String, String> row = about(subject, name, "法人及非法人组织");
    row.put("list_name", "严重违法失信名单");
    row.put("listing_reason", "因同一性质违法行为受到行政处罚，拒不履行行政处罚决定");
    row.put("listing_basis", "《市场监督管理严重违法失信名单管理办法》第二条");
    row.put("listing_doc_number", "失信认定〔" + listed.getYear() + "〕" + (1 + random.nextInt(999)) + "号");
    row.put("listing_date", listed.toString());
    row.put("planned_end", plannedEnd.toString());
    return decidedBy(row, "listing_authority", "市场监督管理局");
  }

  /** A row about {@code subject}: its name, category and identifier. */
  private static Map<String, String> about(String subject, String name, String category) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("subject_name", name);
    row.put("subject_category", category);
    row.put("subject_id", subject);
    return row;
  }

  /**
   * {@code row} decided, and sent, by the district's {@code department}: its name under
   * {@code key}, a USCC of its own under {@code key_uscc}, and the same as the source department.
   */
  private Map<String, String> decidedBy(Map<String, String> row, String key, String department) {
    String name = districtName + department;
    String uscc = SyntheticDepartments.uscc(district, SyntheticDepartments.kind(department));
    row.put(key, name);
    row.put(key + "_uscc", uscc);
    row.put("source_unit", name);
    row.put("source_unit_uscc", uscc);
    return row;
  }
}
