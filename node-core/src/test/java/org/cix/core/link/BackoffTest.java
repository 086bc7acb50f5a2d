package org.cix.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2);

  @Test
  void delay_withoutJitter_doublesUpToMax() {
    assertThat(backoff.delay(1, () -> 0.5)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(2, () -> 0.5)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.delay(4, () -> 0.5)).isEqualTo(Duration.ofMillis(1600));
    assertThat(backoff.delay(40, () -> 0.5)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void delay_jitterStaysWithinBounds() {
    assertThat(backoff.delay(3, () -> 0.0)).isEqualTo(Duration.ofMillis(640));
    assertThat(backoff.delay(3, () -> 0.999999)).isBetween(Duration.ofMillis(959), Duration.ofMillis(960));
  }
}
