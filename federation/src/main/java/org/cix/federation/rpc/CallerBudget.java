package org.cix.federation.rpc;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * How many questions each calling node may ask: a token bucket per caller ({@code perSecond}
 * refilled, at most {@code burst} at once), so one neighbour asking in a loop cannot starve the
 * others or the node's own work. Time comes from the clock, so tests move it instead of waiting.
 */
public final class CallerBudget {
  private final double perSecond;
  private final double burst;
  private final Clock clock;
  private final Map<String, double[]> buckets = new HashMap<>();

  public CallerBudget(double perSecond, int burst, Clock clock) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("a caller budget needs a positive rate and a burst of at least 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
  }

  /** Takes one question from {@code caller}'s budget; false when it has none left now. */
  public synchronized boolean take(String caller) {
    long now = clock.millis();
    double[] bucket = buckets.computeIfAbsent(caller, k -> new double[] {burst, now});
    double tokens = Math.min(burst, bucket[0] + (now - bucket[1]) * perSecond / 1000.0);
    bucket[1] = now;
    if (tokens < 1) {
      bucket[0] = tokens;
      return false;
    }
    bucket[0] = tokens - 1;
    return true;
  }

  public double perSecond() {
    return perSecond;
  }
}
