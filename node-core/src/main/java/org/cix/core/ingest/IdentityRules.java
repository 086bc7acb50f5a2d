package org.cix.core.ingest;

import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.RecordType;
import org.cix.core.record.Representatives;
import org.cix.core.subject.IdCheck;
import org.cix.core.subject.SubjectIds;
import org.cix.core.subject.SubjectKind;

/**
 * Who a row is about must agree with how it is identified, at ingest (双公示 data items, GB/T
 * 45125 rules for 行政相对人): a 自然人 (natural person) is identified by a person's number (resident
 * ID, residence permit, foreigner's permanent residence card), a 法人及非法人组织 by its USCC, a
 * 个体工商户 by either; a legal representative whose ID type is 身份证 carries a valid resident ID
 * number. Versions received from other nodes were judged by their origin.
 */
final class IdentityRules {
  static final String CATEGORY = "subject_category";
  static final String PERSON = "自然人";
  static final String ORGANISATION = "法人及非法人组织";
  static final String REP_ID_TYPE = Representatives.ID_TYPE;
  static final String REP_ID_NUMBER = Representatives.ID_NUMBER;
  static final String RESIDENT_ID_CARD = Representatives.RESIDENT_ID_CARD;

  private IdentityRules() {}

  static Optional<RowProblem> check(RecordType type, Map<String, String> fields, SubjectKind subjectKind,
      SubjectIds ids) {
    String category = fields.getOrDefault(CATEGORY, "");
    if (subjectKind != null && category.equals(PERSON) && subjectKind != SubjectKind.RESIDENT_ID) {
      return Optional.of(new RowProblem(type.subjectField(), "person_without_person_id", type.fieldLabel(CATEGORY)
          + " is " + PERSON + ", but " + type.fieldLabel(type.subjectField()) + " is not a person's number: "
          + "a natural person is identified by a resident ID or permit number"));
    }
    if (subjectKind != null && category.equals(ORGANISATION) && subjectKind != SubjectKind.USCC) {
      return Optional.of(new RowProblem(type.subjectField(), "organisation_without_uscc", type.fieldLabel(CATEGORY)
          + " is " + ORGANISATION + ", but " + type.fieldLabel(type.subjectField()) + " is not a USCC: "
          + "a legal person or other organisation is identified by its Unified Social Credit Code"));
    }
    String number = fields.getOrDefault(REP_ID_NUMBER, "");
    if (fields.getOrDefault(REP_ID_TYPE, "").equals(RESIDENT_ID_CARD) && !number.isEmpty()) {
      IdCheck check = ids.check(number);
      if (!check.isValid() || check.kind().orElseThrow() != SubjectKind.RESIDENT_ID) {
        return Optional.of(new RowProblem(REP_ID_NUMBER, "bad_legal_rep_id", type.fieldLabel(REP_ID_NUMBER)
            + " is not a valid resident ID number (" + check.rejection().map(r -> r.code()).orElse("not a person's "
            + "number") + ") though " + type.fieldLabel(REP_ID_TYPE) + " is " + RESIDENT_ID_CARD));
      }
    }
    return Optional.empty();
  }
}
