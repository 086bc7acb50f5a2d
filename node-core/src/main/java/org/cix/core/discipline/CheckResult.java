package org.cix.core.discipline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The answer to a check: the decision, every record that bears on it (applying or lapsed) with
 * its measures, and the measures' version it was made under.
 */
public record CheckResult(String subjectId, Optional<String> name, String action, Decision decision,
    List<Finding> findings, String measuresVersion, Instant asOf) {
  public CheckResult {
    findings = List.copyOf(findings);
  }
}
