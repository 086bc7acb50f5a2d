package org.cix.core.ingest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.subject.SubjectKind;

/**
 * A row made standard: fields keyed by catalog key in catalog order, values normalised (dates
 * yyyy-MM-dd, codes from the code list, identifiers normalised), the subject told apart; or the
 * problems that refuse it. Warnings do not refuse a row.
 */
public record Standardised(
    Map<String, String> fields, String subjectId, SubjectKind subjectKind, List<RowProblem> problems,
    List<String> warnings) {

  public boolean accepted() {
    return problems.isEmpty();
  }

  public Optional<RowProblem> firstProblem() {
    return problems.stream().findFirst();
  }
}
