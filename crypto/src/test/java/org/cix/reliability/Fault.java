package org.cix.reliability;

/**
 * A fault or hostile input a test inflicts on real nodes, and what the nodes do about it; tests
 * count each time they inflict it, and the suite writes the table of docs/reliability.md from the
 * counts and the tests' outcomes ({@link ReliabilityListener}).
 *
 * @param what the fault or input, as an operator would name it
 * @param response what the node does (the test asserts it)
 */
public record Fault(String what, String response) {
  /** The running test inflicted this fault once. */
  public void inflicted() {
    inflicted(1);
  }

  /** The running test inflicted this fault {@code times} times. */
  public void inflicted(long times) {
    ReliabilityListener.count(this, times);
  }
}
