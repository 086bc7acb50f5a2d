package org.cix.core.ingest;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.RecordType;
import org.cix.core.subject.ResidentIds;
import org.cix.core.subject.SubjectKind;

/**
 * Penalties of minors are not published, at ingest: a penalty about a person whose number's birth
 * date shows them under 18 on the decision date is refused ({@code minor_not_published}); the
 * deciding department keeps it in its own files. The identifiable information of minors in cases
 * is not disclosed (中华人民共和国未成年人保护法, 2020 revision, art. 103). Versions received from
 * other nodes were judged by their origin.
 */
final class MinorsRule {
  static final String PENALTY = "penalty";
  private static final int ADULT = 18;

  private MinorsRule() {}

  static Optional<RowProblem> check(RecordType type, Map<String, String> fields, String subjectId,
      SubjectKind subjectKind) {
    String decided = fields.getOrDefault(type.publicity().fromField(), "");
    if (!type.category().equals(PENALTY) || subjectKind != SubjectKind.RESIDENT_ID || decided.isEmpty()) {
      return Optional.empty();
    }
    Optional<LocalDate> born = ResidentIds.birthDate(subjectId);
    LocalDate on = LocalDate.parse(decided);
    if (born.isEmpty() || !on.isBefore(born.get().plusYears(ADULT))) {
      return Optional.empty();
    }
    return Optional.of(new RowProblem(type.subjectField(), "minor_not_published", "the subject was a minor on "
        + type.fieldLabel(type.publicity().fromField()) + " " + on + " (18 on " + born.get().plusYears(ADULT)
        + "): penalties of minors are not published"));
  }
}
