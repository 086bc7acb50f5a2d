package org.cix.core.ingest;

import java.util.Map;
import java.util.Optional;

/**
 * A rule of one record type's own, beyond what its catalog entry declares: checked at ingest on
 * every row of that type that passed the catalog's checks, before the row is sealed. Received
 * versions were judged by their origin and are not checked again.
 */
public interface TypeRule {
  /** The catalog type whose rows this rule checks. */
  String type();

  /** Why the row (its standardised fields) may not be recorded here; empty when it may. */
  Optional<RowProblem> check(Map<String, String> fields);
}
