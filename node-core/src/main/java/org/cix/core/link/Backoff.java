package org.cix.core.link;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for reconnecting links: the n-th consecutive failure waits
 * about {@code initial * 2^(n-1)}, capped at {@code max}, spread by +/- {@code jitter} so that
 * the children of a restarted parent do not all dial back in the same instant.
 */
public record Backoff(Duration initial, Duration max, double jitter) {
  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max");
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1)");
    }
  }

  /**
   * The wait before attempt {@code failures + 1}.
   *
   * @param failures consecutive failures so far, at least 1
   * @param random uniform in [0, 1)
   */
  public Duration delay(int failures, DoubleSupplier random) {
    int exponent = Math.max(0, Math.min(failures - 1, 30));
    double base = Math.min((double) max.toMillis(), initial.toMillis() * Math.pow(2, exponent));
    double spread = base * jitter * (2 * random.getAsDouble() - 1);
    return Duration.ofMillis(Math.max(1, Math.round(base + spread)));
  }
}
