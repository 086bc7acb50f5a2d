package org.cix.core.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingDaysTest {
  @ParameterizedTest(name = "{1} working days after {0} is {2}")
  @CsvSource({
      "2026-11-27, 1, 2026-11-30",   // Friday -> Monday
      "2026-11-28, 1, 2026-11-30",   // Saturday -> Monday
      "2026-11-25, 10, 2026-12-09",  // Wednesday + two weeks
      "2026-11-30, 5, 2026-12-07",   // Monday -> next Monday
      "2026-11-27, 0, 2026-11-27"})
  void countsMondayToFriday(LocalDate start, int days, LocalDate due) {
    assertThat(WorkingDays.after(start, days)).isEqualTo(due);
  }

  @ParameterizedTest(name = "{0} answers {1}")
  @CsvSource({"UPHELD, OBJECTION", "corrected, OBJECTION", "REVOKED, OBJECTION", "REPAIRED, REPAIR", "refused, REPAIR"})
  void outcomes_answerTheirKindOfRequest(String word, RequestKind kind) {
    assertThat(Outcome.of(word, kind).answers()).isEqualTo(kind);
  }

  @ParameterizedTest(name = "{0} does not answer {1}")
  @CsvSource({"REPAIRED, OBJECTION, 'UPHELD, CORRECTED, REVOKED'", "UPHELD, REPAIR, 'REPAIRED, REFUSED'",
      "DELETED, OBJECTION, 'UPHELD, CORRECTED, REVOKED'"})
  void otherWords_areRefusedWithThePossibleOutcomes(String word, RequestKind kind, String possible) {
    assertThatThrownBy(() -> Outcome.of(word, kind)).hasMessageContaining("(" + possible + ")");
  }
}
