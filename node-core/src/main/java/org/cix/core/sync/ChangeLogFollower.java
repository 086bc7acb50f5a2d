package org.cix.core.sync;

import java.util.function.BooleanSupplier;

/**
 * A service that acts on what reaches the node's change log (its own records, and those received
 * from other nodes), reading from a cursor it keeps itself so that a crash neither loses an entry
 * nor acts on one twice. The node runs every follower at start and whenever the store has been
 * quiet for a moment after new arrivals.
 */
public interface ChangeLogFollower {
  /** What it follows for, for the log when it fails. */
  String name();

  /**
   * Reads what was appended since the last call and acts on it.
   *
   * @return how many entries it took in (the follower's own measure, for logs and tests)
   */
  long follow();

  /**
   * The same, ending early between two of its batches once {@code stop} says so (the node is
   * stopping): what it did is kept with its cursor, the rest is read at the next call. A follower
   * that reads the whole log ends early; one that reads a few record types through their index
   * reads to the end, its reads being short.
   */
  default long follow(BooleanSupplier stop) {
    return follow();
  }
}
