package org.cix.federation.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.cix.testing.MovableClock;
import org.junit.jupiter.api.Test;

class CallerBudgetTest {
  @Test
  void take_burstThenRefused_thenRefilledAtTheRate_perCaller() {
    MovableClock clock = new MovableClock(Instant.parse("2026-12-04T00:00:00Z"));
    CallerBudget budget = new CallerBudget(10, 3, clock);

    assertThat(budget.take("bj")).isTrue();
    assertThat(budget.take("bj")).isTrue();
    assertThat(budget.take("bj")).isTrue();
    assertThat(budget.take("bj")).as("burst spent").isFalse();
    assertThat(budget.take("sh")).as("another caller has its own budget").isTrue();

    clock.advance(Duration.ofMillis(99));
    assertThat(budget.take("bj")).as("not yet a whole question back").isFalse();
    clock.advance(Duration.ofMillis(2));
    assertThat(budget.take("bj")).isTrue();
    clock.advance(Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      assertThat(budget.take("bj")).isTrue();
    }
    assertThat(budget.take("bj")).as("never more than the burst").isFalse();
  }
}
