package org.cix.federation.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.cix.testing.MovableClock;
import org.junit.jupiter.api.Test;

class HandshakeRefusalsTest {
  @Test
  void refused_logsOncePerAddressAndInterval_andCountsEvery() {
    MovableClock clock = new MovableClock(Instant.parse("2026-12-04T00:00:00Z"));
    HandshakeRefusals refusals = new HandshakeRefusals(Duration.ofMinutes(1), clock);

    assertThat(refusals.refused("10.0.0.1:5000", "client", "expired")).isTrue();
    assertThat(refusals.refused("10.0.0.1:5001", "client", "expired")).as("same host, within the minute").isFalse();
    assertThat(refusals.refused("10.0.0.2:5000", "client", "unknown ca")).as("another host").isTrue();
    clock.advance(Duration.ofSeconds(61));
    assertThat(refusals.refused("10.0.0.1:5002", "client", "expired")).isTrue();

    assertThat(refusals.total()).isEqualTo(4);
  }
}
