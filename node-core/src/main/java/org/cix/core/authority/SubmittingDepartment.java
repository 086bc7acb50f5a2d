package org.cix.core.authority;

import java.util.Optional;
import org.cix.core.catalog.FieldDef;
import org.cix.core.catalog.FieldType;

/**
 * A department submits its own decisions only: every department a row of its submission names
 * (the catalog's fields of type {@code uscc}: the deciding and the supplying department) must be
 * the submitting one. Registration, jurisdiction and the schema are checked besides.
 */
public final class SubmittingDepartment {
  public static final String NOT_YOURS = "department_not_yours";

  private SubmittingDepartment() {}

  /** The check for submissions of the department with USCC {@code uscc}. */
  public static DepartmentCheck only(String uscc) {
    return (type, fields) -> {
      for (FieldDef field : type.fields()) {
        if (field.type() != FieldType.USCC) {
          continue;
        }
        String named = fields.getOrDefault(field.key(), "");
        if (!named.isEmpty() && !named.equals(uscc)) {
          return Optional.of(new org.cix.core.ingest.RowProblem(field.key(), NOT_YOURS, type.fieldLabel(field.key())
              + " names department " + named + ", but this submission is department " + uscc
              + "'s: a department submits its own decisions only"));
        }
      }
      return Optional.empty();
    };
  }
}
