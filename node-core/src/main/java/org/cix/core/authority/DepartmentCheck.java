package org.cix.core.authority;

import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.RecordType;
import org.cix.core.ingest.RowProblem;

/** What ingest asks of the department registry ({@link DepartmentRegistry}) about a row of its own. */
@FunctionalInterface
public interface DepartmentCheck {
  /**
   * The first department named in {@code fields} that this node may not record a decision of now,
   * as a row problem naming the field; empty when all are registered here, active and entitled.
   */
  Optional<RowProblem> ofOwn(RecordType type, Map<String, String> fields);
}
