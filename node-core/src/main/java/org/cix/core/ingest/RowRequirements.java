package org.cix.core.ingest;

import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.FieldType;
import org.cix.core.catalog.RecordType;
import org.cix.core.catalog.Requirement;

/**
 * The fields a row must fill because of what another holds ({@link Requirement}), at ingest:
 * 罚款 among the penalty categories needs the fine, 吊销许可证件 the licence. Versions received
 * from other nodes were judged by their origin.
 */
final class RowRequirements {
  private RowRequirements() {}

  static Optional<RowProblem> check(RecordType type, Map<String, String> fields) {
    for (Requirement r : type.requires()) {
      boolean holds = FieldType.holds(fields.getOrDefault(r.whenField(), ""), r.holds());
      if (holds && fields.getOrDefault(r.thenField(), "").isEmpty()) {
        return Optional.of(new RowProblem(r.thenField(), "missing_field", type.fieldLabel(r.thenField())
            + " is required when " + type.fieldLabel(r.whenField()) + " includes " + r.holds()));
      }
    }
    return Optional.empty();
  }
}
