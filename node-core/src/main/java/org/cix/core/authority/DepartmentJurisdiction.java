package org.cix.core.authority;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cix.core.catalog.FieldDef;
import org.cix.core.catalog.FieldType;
import org.cix.core.catalog.RecordType;
import org.cix.core.ingest.RowProblem;
import org.cix.core.node.Jurisdiction;

/**
 * Which departments a node may speak for: a record names its deciding department and the
 * department that supplied it by Unified Social Credit Code (the catalog's fields of type
 * {@code uscc}), and a node originates only records whose departments are registered inside its
 * own jurisdiction. A USCC carries the region code of the registering authority (characters 3-8,
 * GB 32100): {@code 310115} for a Pudong department, {@code 110000} for a Beijing municipal one,
 * {@code 100000} for a ministry. The rule is checked at ingest and again by every receiver from
 * the record's own bytes, so a district cannot list a subject in another district's name.
 *
 * <p>The subject is not constrained: an enterprise of Pudong fined in Chaoyang is a Chaoyang
 * record. Departments of a municipality directly under the central government (Beijing, Tianjin,
 * Shanghai, Chongqing) are registered at the province level ({@code 11}) while the city node
 * answers for {@code 1101}: that city node speaks for them too.
 */
public final class DepartmentJurisdiction {
  /** GB/T 2260 provinces that are municipalities: their city node {@code XX01} speaks for {@code XX}. */
  private static final Set<String> MUNICIPALITIES = Set.of("11", "12", "31", "50");
  /** The region code of the central government's departments. */
  private static final String CENTRAL = "100000";

  private DepartmentJurisdiction() {}

  /**
   * The first department of {@code fields} that {@code origin} may not speak for, as a row
   * problem naming the field; empty when every department lies inside the origin's jurisdiction.
   * Fields missing or empty are the schema's business, not this rule's.
   */
  public static Optional<RowProblem> check(RecordType type, Map<String, String> fields, Jurisdiction origin) {
    for (FieldDef field : type.fields()) {
      if (field.type() != FieldType.USCC) {
        continue;
      }
      String uscc = fields.getOrDefault(field.key(), "");
      if (uscc.length() != 18) {
        continue;
      }
      Jurisdiction department = of(uscc);
      if (!speaksFor(origin, department)) {
        return Optional.of(new RowProblem(field.key(), "department_outside_origin", "department " + uscc
            + " is registered in " + describe(department) + ", outside the jurisdiction " + describe(origin)
            + " of the node that made this record: a node records only the decisions of its own departments"));
      }
    }
    return Optional.empty();
  }

  /** The jurisdiction a department's USCC registers it in: its region code without trailing zero pairs. */
  static Jurisdiction of(String uscc) {
    String region = uscc.substring(2, 8);
    if (region.equals(CENTRAL) || !region.chars().allMatch(Character::isDigit)) {
      return Jurisdiction.NATIONAL;
    }
    String code = region;
    while (code.endsWith("00")) {
      code = code.substring(0, code.length() - 2);
    }
    return new Jurisdiction(code);
  }

  static boolean speaksFor(Jurisdiction origin, Jurisdiction department) {
    if (origin.contains(department)) {
      return true;
    }
    String code = origin.code();
    return code.length() == 4 && code.endsWith("01") && MUNICIPALITIES.contains(code.substring(0, 2))
        && department.code().equals(code.substring(0, 2));
  }

  private static String describe(Jurisdiction jurisdiction) {
    return jurisdiction.code().isEmpty() ? "the central government (national)" : jurisdiction.code();
  }
}
