package org.cix.core.discipline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cix.core.profile.Unanswered;

/**
 * The answer to a check: the decision, every record that bears on it (applying or lapsed) with
 * its measures, the measures' version it was made under, the nodes whose records it rests on,
 * those that did not answer in time, and whether it covers every relevant record.
 */
public record CheckResult(String subjectId, Optional<String> name, String action, Decision decision,
    List<Finding> findings, String measuresVersion, Instant asOf, List<String> answeredBy,
    List<Unanswered> unanswered, boolean complete) {
  public CheckResult {
    findings = List.copyOf(findings);
    answeredBy = List.copyOf(answeredBy);
    unanswered = List.copyOf(unanswered);
  }
}
