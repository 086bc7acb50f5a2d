package org.cix.core.sync;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.cix.core.seal.OriginCertificates;
import org.cix.proto.v1.Seal;

/**
 * The store's side of the exchange (a port; storage implements it with the record store, so
 * that a reception is one transaction with the versions it stores): the change log read in
 * order, seals and origin certificates, cursors per link and the exchange ledger.
 */
public interface ExchangeStore extends OriginCertificates {
  /** Up to {@code limit} versions with a change-log sequence after {@code afterSeq}, in order. */
  List<LoggedVersion> changesAfter(long afterSeq, int limit);

  /**
   * The versions with a change-log sequence after {@code afterSeq} and at most {@code upToSeq}, in
   * order, but those that came from {@code neighbour}: what a link to it may send (a version never
   * goes back to the node it came from), read without the bytes of the rest.
   */
  List<LoggedVersion> changesNotFrom(long afterSeq, long upToSeq, String neighbour);

  /**
   * Up to {@code limit} versions of {@code types} with a change-log sequence after {@code afterSeq}
   * and at most {@code upToSeq}, in order (for work that follows a few types through the log).
   */
  List<LoggedVersion> changesOfTypes(long afterSeq, long upToSeq, Collection<String> types, int limit);

  /** What a reader of the change log does with each batch; {@code readUpTo}: the sequence it covers. */
  @FunctionalInterface
  interface Batch {
    void read(List<LoggedVersion> versions, long readUpTo);
  }

  /**
   * Reads the versions of {@code types} after {@code afterSeq} up to {@code upToSeq}, oldest
   * first, in batches of at most {@code limit} (the one paging idiom of every change-log
   * follower); each batch, with the sequence it reads up to, goes to {@code batch}.
   *
   * @return the sequence read up to: {@code upToSeq}, or {@code afterSeq} when that is beyond it
   */
  default long readTypes(long afterSeq, long upToSeq, Collection<String> types, int limit, Batch batch) {
    long cursor = afterSeq;
    while (cursor < upToSeq && !types.isEmpty()) {
      List<LoggedVersion> versions = changesOfTypes(cursor, upToSeq, types, limit);
      cursor = versions.size() < limit ? upToSeq : versions.get(versions.size() - 1).seq();
      batch.read(versions, cursor);
    }
    return Math.max(cursor, afterSeq);
  }

  /** The last change-log sequence. */
  long head();

  /** The seals of {@code sealIds} that are held. */
  Map<String, Seal> seals(Collection<String> sealIds);

  /** Keeps an origin's sealing certificate chain (leaf first); a chain held already is left. */
  void putOriginChain(List<X509Certificate> chain);

  /** The cursor of the link to {@code peerNode}; zeros for a neighbour never heard of. */
  LinkCursor cursor(String peerNode);

  /**
   * Stores a checked bundle in one transaction: new versions with their provenance, the current
   * pointers (only ever moved forward), conflicts, refused items, seals, origin certificates, the
   * receive cursor and the ledger entry (none for a bundle without items, which only moves the
   * cursor past log entries not routed here). Durable when it returns.
   */
  ReceptionOutcome receive(Reception reception);

  /**
   * The neighbour acknowledged up to {@code entry.lastSeq()}: moves the send cursor and keeps the
   * entry, unless the bundle had no items.
   */
  void acknowledged(LedgerEntry entry);

  /**
   * The neighbour's change log restarted below what was stored of it (it lost its data): the
   * receive cursor goes back to 0, durably, and {@code note} goes to the ledger.
   */
  void restartReceiving(String peerNode, LedgerEntry note);

  /** Keeps a ledger entry of a bundle refused as a whole (nothing of it was stored). */
  void ledger(LedgerEntry entry);

  /** The newest ledger entries, newest first. */
  List<LedgerEntry> ledger(int limit);

  /** Per neighbour, what the ledger holds of sync with it in all. */
  Map<String, LinkTotals> linkTotals();

  /** Every ledger entry kept at or after {@code atMillis}, oldest first. */
  List<LedgerEntry> ledgerSince(long atMillis);

  /**
   * For versions received from other nodes at or after {@code sinceMillis} (the most recent
   * {@code limit}): milliseconds from their origin's seal to their arrival here, per origin node.
   */
  Map<String, List<Long>> arrivalLags(long sinceMillis, int limit);

  /**
   * Versions held per origin node, and per neighbour they came through ("" for those ingested
   * here): origin to neighbour to versions.
   */
  Map<String, Map<String, Long>> versionsByOrigin();

  /**
   * Versions held per origin node and record type: origin to type to versions. Kept as versions
   * are stored, so it is current at every read and costs no scan.
   */
  Map<String, Map<String, Long>> versionsByOriginAndType();

  /** Called with the new head after every append, and every reception that stored versions. */
  void onAppend(LongConsumer listener);
}
