package org.cix.core.ingest;

import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.RecordType;
import org.cix.core.subject.RegistrationNumbers;
import org.cix.core.subject.SubjectKind;
import org.cix.core.subject.Usccs;

/**
 * The subject's other identifiers (行政相对人代码_2 to _6 of the 双公示 data items), at ingest: the
 * business registration number (工商注册号, 15 digits with a GB/T 17710 check digit), the
 * organisation code (组织机构代码, GB 11714, the same as positions 9-17 of the subject's USCC),
 * the tax registration number (税务登记号: 15, 18 or 20 characters); the public institution and
 * social organisation certificate numbers are free text. An individual business without a USCC
 * (17 zeros and X) becomes the subject {@code GS} + its registration number
 * ({@link RegistrationNumbers}).
 */
final class OtherIdentifiers {
  static final String REGISTRATION_NUMBER = "registration_number";
  static final String ORGANISATION_CODE = "organisation_code";
  static final String TAX_NUMBER = "tax_number";
  static final String INDIVIDUAL_BUSINESS = "个体工商户";

  private OtherIdentifiers() {}

  /**
   * Why a row whose subject field holds 17 zeros and X cannot be an individual business identified
   * by its registration number, if it cannot.
   */
  static Optional<RowProblem> placeholder(RecordType type, Map<String, String> fields) {
    String subject = type.fieldLabel(type.subjectField());
    if (!fields.getOrDefault(IdentityRules.CATEGORY, "").equals(INDIVIDUAL_BUSINESS)) {
      return Optional.of(new RowProblem(type.subjectField(), "placeholder_uscc", subject + " is 17 zeros and X, "
          + "which stands only for an individual business (" + INDIVIDUAL_BUSINESS + ") without a USCC"));
    }
    if (type.field(REGISTRATION_NUMBER).isEmpty()) {
      return Optional.of(new RowProblem(type.subjectField(), "placeholder_uscc", subject + " is 17 zeros and X, "
          + "but " + type.label() + " records carry no business registration number to identify the subject by"));
    }
    if (fields.getOrDefault(REGISTRATION_NUMBER, "").isEmpty()) {
      return Optional.of(new RowProblem(REGISTRATION_NUMBER, "missing_field", type.fieldLabel(REGISTRATION_NUMBER)
          + " is required when " + subject + " is 17 zeros and X"));
    }
    return registrationNumber(type, fields);
  }

  /** The subject an individual business without a USCC is known by. */
  static String placeholderSubject(Map<String, String> fields) {
    return RegistrationNumbers.subjectId(fields.get(REGISTRATION_NUMBER));
  }

  static Optional<RowProblem> check(RecordType type, Map<String, String> fields, String subjectId,
      SubjectKind subjectKind) {
    Optional<RowProblem> registration = registrationNumber(type, fields);
    if (registration.isPresent()) {
      return registration;
    }
    String number = fields.getOrDefault(REGISTRATION_NUMBER, "");
    if (subjectKind == SubjectKind.REGISTRATION_NUMBER && !number.isEmpty()
        && !subjectId.equals(RegistrationNumbers.subjectId(number))) {
      return Optional.of(new RowProblem(REGISTRATION_NUMBER, "registration_number_mismatch",
          type.fieldLabel(REGISTRATION_NUMBER) + " " + number + " is not the subject's (" + subjectId + ")"));
    }
    String code = fields.getOrDefault(ORGANISATION_CODE, "").replace("-", "");
    if (!code.isEmpty()) {
      if (code.length() != 9 || !code.chars().allMatch(c -> Character.isDigit(c) || c >= 'A' && c <= 'Z')
          || !Usccs.organisationCodeValid(code)) {
        return Optional.of(new RowProblem(ORGANISATION_CODE, "bad_organisation_code", type.fieldLabel(ORGANISATION_CODE)
            + " '" + code + "' is not an organisation code (GB 11714: 8 characters and a check character)"));
      }
      if (subjectKind == SubjectKind.USCC && !subjectId.substring(8, 17).equals(code)) {
        return Optional.of(new RowProblem(ORGANISATION_CODE, "organisation_code_mismatch",
            type.fieldLabel(ORGANISATION_CODE) + " " + code + " is not positions 9-17 of the subject's USCC "
                + subjectId));
      }
    }
    String tax = fields.getOrDefault(TAX_NUMBER, "");
    if (!tax.isEmpty() && (!(tax.length() == 15 || tax.length() == 18 || tax.length() == 20)
        || !tax.chars().allMatch(c -> Character.isDigit(c) || c >= 'A' && c <= 'Z'))) {
      return Optional.of(new RowProblem(TAX_NUMBER, "bad_tax_number", type.fieldLabel(TAX_NUMBER) + " '" + tax
          + "' is not a tax registration number (15, 18 or 20 digits and capital letters)"));
    }
    return Optional.empty();
  }

  private static Optional<RowProblem> registrationNumber(RecordType type, Map<String, String> fields) {
    String number = fields.getOrDefault(REGISTRATION_NUMBER, "");
    if (number.isEmpty() || RegistrationNumbers.isValid(number)) {
      return Optional.empty();
    }
    return Optional.of(new RowProblem(REGISTRATION_NUMBER, "bad_registration_number",
        type.fieldLabel(REGISTRATION_NUMBER) + " '" + number + "' is not a business registration number (15 digits, "
            + "the last a GB/T 17710 check digit)"));
  }
}
