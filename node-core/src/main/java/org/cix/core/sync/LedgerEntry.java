package org.cix.core.sync;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One bundle in the exchange ledger: who, which way, which stretch of the sender's change log,
 * what it held and what became of it.
 *
 * @param byType items per record type
 * @param rejects refused items per reason code
 * @param lagMaxMillis longest time from an item's origin seal to its arrival here (received only)
 * @param lagSumMillis the sum of those times, for means
 * @param error why the whole bundle was refused, when it was
 */
public record LedgerEntry(
    long atMillis, String peerNode, Direction direction, long firstSeq, long lastSeq, int items, long bytes,
    int accepted, int duplicates, int conflicts, int rejected, Map<String, Integer> byType,
    Map<String, Integer> rejects, long lagMaxMillis, long lagSumMillis, Optional<String> error) {

  public enum Direction {
    SENT,
    RECEIVED
  }

  public LedgerEntry {
    byType = new TreeMap<>(byType);
    rejects = new TreeMap<>(rejects);
  }

  /** This entry with what storing its bundle did (the counts a store fills in). */
  public LedgerEntry with(ReceptionOutcome outcome) {
    return new LedgerEntry(atMillis, peerNode, direction, firstSeq, lastSeq, items, bytes, outcome.accepted(),
        outcome.duplicates(), outcome.conflicts(), rejected, byType, rejects, lagMaxMillis, lagSumMillis, error);
  }
}
