package org.cix.reliability;

import java.util.Random;

/**
 * Property-based checks without a framework: a property is checked on {@code tries} cases, each
 * drawn from its own {@link Random}. The cases are the same on every run (a fixed base seed), so
 * a failure in CI fails again on a laptop; {@code -Dcix.trials.seed=N} tries other cases, and the
 * message of a failing case names the seed that replays it alone ({@code -Dcix.trials.replay=S}).
 *
 * <p>(jqwik was tried first; its 1.10 release prints, whenever its engine starts, a request that
 * AI agents not use it. These checks are written by one, so they use plain JUnit and count their
 * cases through {@link Fault}.)
 */
public final class Trials {
  private static final long DEFAULT_SEED = 20261127L;
  private static final long STEP = 0x9E3779B97F4A7C15L;

  private Trials() {}

  /** One case: everything it needs comes from {@code random}. */
  @FunctionalInterface
  public interface Trial {
    void run(Random random) throws Exception;
  }

  /**
   * Runs {@code trial} on {@code tries} cases (on one, when a replay seed is given).
   *
   * @throws AssertionError for the first failing case, naming its seed
   */
  public static void check(int tries, Trial trial) {
    String replay = System.getProperty("cix.trials.replay");
    if (replay != null) {
      runOne(Long.parseLong(replay), 0, 1, trial);
      return;
    }
    long base = Long.getLong("cix.trials.seed", DEFAULT_SEED);
    for (int i = 0; i < tries; i++) {
      runOne(base + i * STEP, i, tries, trial);
    }
  }

  private static void runOne(long seed, int index, int tries, Trial trial) {
    try {
      trial.run(new Random(seed));
    } catch (Throwable e) {
      throw new AssertionError("case " + (index + 1) + " of " + tries + " failed (replay it alone with "
          + "-Dcix.trials.replay=" + seed + "): " + e.getMessage(), e);
    }
  }

  /** A random string of up to {@code maxLength} characters drawn from {@code alphabet}. */
  public static String string(Random random, String alphabet, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  /** Random bytes, up to {@code maxLength}. */
  public static byte[] bytes(Random random, int maxLength) {
    byte[] bytes = new byte[random.nextInt(maxLength + 1)];
    random.nextBytes(bytes);
    return bytes;
  }
}
