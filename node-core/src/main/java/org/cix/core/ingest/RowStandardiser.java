package org.cix.core.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.cix.core.catalog.FieldDef;
import org.cix.core.industry.IndustryCodes;
import org.cix.core.catalog.RecordType;
import org.cix.core.subject.IdCheck;
import org.cix.core.subject.IdRejection;
import org.cix.core.subject.RegistrationNumbers;
import org.cix.core.subject.SubjectIds;
import org.cix.core.subject.SubjectKind;

/**
 * Validates and normalises one row against its catalog type: required fields, lengths, code
 * lists (after the mapping's value translations), dates in any of the mapping's formats within a
 * sane range, numbers, identifiers.
 */
public final class RowStandardiser {
  private static final LocalDate EARLIEST = LocalDate.of(1949, 10, 1);
  private static final LocalDate LATEST = LocalDate.of(2099, 12, 31);

  private final RecordType type;
  private final Mapping mapping;
  private final SubjectIds ids;
  private final List<DateTimeFormatter> dateFormats;

  public RowStandardiser(RecordType type, Mapping mapping, SubjectIds ids) {
    this.type = type;
    this.mapping = mapping;
    this.ids = ids;
    this.dateFormats = mapping.dateFormats().stream()
        .map(p -> DateTimeFormatter.ofPattern(p.replace("yyyy", "uuuu")).withResolverStyle(ResolverStyle.STRICT))
        .toList();
  }

  public Standardised standardise(SourceRow row) {
    List<RowProblem> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<String, String> fields = new LinkedHashMap<>();
    String subjectId = "";
    SubjectKind subjectKind = null;
    if (row.problem().isPresent()) {
      problems.add(new RowProblem("", "bad_row", row.problem().get()));
      return new Standardised(fields, subjectId, subjectKind, problems, warnings);
    }
    for (FieldDef field : type.fields()) {
      String raw = raw(row, field.key());
      Map<String, String> translations = mapping.values().get(field.key());
      if (translations != null && translations.containsKey(raw)) {
        raw = translations.get(raw);
      }
      if (raw.isEmpty()) {
        if (field.required()) {
          problems.add(new RowProblem(field.key(), "missing_field", field.label() + " is required"));
        }
        continue;
      }
      String value = switch (field.type()) {
        case TEXT -> text(field, raw, problems);
        case CODE -> code(field, raw, problems);
        case CODES -> codes(field, raw, problems);
        case DATE -> date(field, raw, problems);
        case DECIMAL -> number(field, raw, problems, false);
        case INTEGER -> number(field, raw, problems, true);
        case SUBJECT_ID, USCC -> identifier(field, raw, problems, warnings);
        case INDUSTRY -> industry(field, raw, problems);
      };
      if (value != null) {
        fields.put(field.key(), value);
        if (field.key().equals(type.subjectField())) {
          IdCheck check = ids.check(value);
          subjectId = value;
          subjectKind = check.kind().orElse(null);
        }
      }
    }
    if (subjectId.equals(RegistrationNumbers.PLACEHOLDER_USCC)) {
      Optional<RowProblem> problem = OtherIdentifiers.placeholder(type, fields);
      problem.ifPresent(problems::add);
      subjectId = problem.isPresent() ? "" : OtherIdentifiers.placeholderSubject(fields);
      subjectKind = problem.isPresent() ? null : SubjectKind.REGISTRATION_NUMBER;
      if (problem.isEmpty()) {
        fields.put(type.subjectField(), subjectId);
      }
    }
    return new Standardised(fields, subjectId, subjectKind, problems, warnings);
  }

  private String raw(SourceRow row, String key) {
    String column = mapping.columns().get(key);
    String value = column != null ? row.values().get(column) : mapping.constants().get(key);
    return value == null ? "" : value.strip();
  }

  private static String text(FieldDef field, String raw, List<RowProblem> problems) {
    if (raw.codePointCount(0, raw.length()) > field.maxLength()) {
      problems.add(new RowProblem(field.key(), "too_long",
          field.label() + " has " + raw.codePointCount(0, raw.length()) + " characters, at most " + field.maxLength()));
      return null;
    }
    return raw;
  }

  private static String industry(FieldDef field, String raw, List<RowProblem> problems) {
    Optional<String> why = IndustryCodes.check(raw);
    if (why.isPresent()) {
      problems.add(new RowProblem(field.key(), "bad_industry_code", field.label() + ": " + why.get()));
      return null;
    }
    return IndustryCodes.normalise(raw).orElseThrow();
  }

  /** An open value of a code list that has 其他 (other): {@code 其他-军官证}, what the other is after the dash. */
  private static final String OTHER = "其他";

  static String code(FieldDef field, String raw, List<RowProblem> problems) {
    String value = SubjectIds.normalise(raw);
    if (field.codes().contains(OTHER) && value.startsWith(OTHER + "-") && value.length() > OTHER.length() + 1) {
      return value;
    }
    if (!field.codes().contains(value)) {
      problems.add(new RowProblem(field.key(), "not_in_code_list",
          field.label() + " '" + raw + "' is not one of " + field.codes()));
      return null;
    }
    return value;
  }

  private static String codes(FieldDef field, String raw, List<RowProblem> problems) {
    List<String> values = new ArrayList<>();
    for (String part : raw.split("[;；,，、]")) {
      String value = SubjectIds.normalise(part);
      if (value.isEmpty()) {
        continue;
      }
      if (!field.codes().contains(value)) {
        problems.add(new RowProblem(field.key(), "not_in_code_list",
            field.label() + " '" + value + "' is not one of " + field.codes()));
        return null;
      }
      values.add(value);
    }
    return String.join(org.cix.core.catalog.FieldType.CODES_SEPARATOR, values);
  }

  private String date(FieldDef field, String raw, List<RowProblem> problems) {
    String text = SubjectIds.normalise(raw);
    if (text.length() > 10 && text.charAt(10) == ' ') {
      text = text.substring(0, 10);
    }
    for (DateTimeFormatter format : dateFormats) {
      try {
        LocalDate date = LocalDate.parse(text, format);
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
          problems.add(new RowProblem(field.key(), "date_out_of_range",
              field.label() + " " + date + " is outside " + EARLIEST + " .. " + LATEST));
          return null;
        }
        return date.toString();
      } catch (DateTimeParseException e) {
        // try the next format
      }
    }
    problems.add(new RowProblem(field.key(), "bad_date",
        field.label() + " '" + raw + "' is not a date in " + mapping.dateFormats()));
    return null;
  }

  private static String number(FieldDef field, String raw, List<RowProblem> problems, boolean whole) {
    try {
      BigDecimal number = new BigDecimal(SubjectIds.normalise(raw).replace(",", ""));
      if (whole && number.stripTrailingZeros().scale() > 0) {
        throw new NumberFormatException();
      }
      if (number.signum() < 0) {
        problems.add(new RowProblem(field.key(), "negative_number", field.label() + " " + raw + " is negative"));
        return null;
      }
      return number.toPlainString();
    } catch (NumberFormatException e) {
      problems.add(new RowProblem(field.key(), "bad_number", field.label() + " '" + raw + "' is not a number"));
      return null;
    }
  }

  private String identifier(FieldDef field, String raw, List<RowProblem> problems, List<String> warnings) {
    if (field.key().equals(type.subjectField())
        && SubjectIds.normalise(raw).equals(RegistrationNumbers.PLACEHOLDER_USCC)) {
      return RegistrationNumbers.PLACEHOLDER_USCC; // an individual business without a USCC: see standardise
    }
    IdCheck check = ids.check(raw);
    if (!check.isValid()) {
      problems.add(new RowProblem(field.key(), check.rejection().map(IdRejection::code).orElse("bad_identifier"),
          field.label() + " '" + check.loggable() + "': " + check.rejection().map(IdRejection::code).orElse("")));
      return null;
    }
    if (field.type() == org.cix.core.catalog.FieldType.USCC && check.kind().orElse(null) != SubjectKind.USCC) {
      problems.add(new RowProblem(field.key(), "not_a_uscc", field.label() + " must be a USCC"));
      return null;
    }
    check.warning().ifPresent(w -> warnings.add(field.key() + ": " + w));
    return check.normalised().orElseThrow();
  }
}
