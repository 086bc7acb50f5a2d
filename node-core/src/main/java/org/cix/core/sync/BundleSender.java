package org.cix.core.sync;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.proto.v1.Bundle;
import org.cix.proto.v1.BundleAck;
import org.cix.proto.v1.ItemReject;

/**
 * Cuts this node's change log into bundles for one neighbour: reads after a sequence (leaving out,
 * in the query, what came from that neighbour), keeps what {@link Routing} sends it, and stops at
 * the item or byte bound. A stretch of the log with nothing for the neighbour still makes a
 * (small) bundle, so that both cursors move past it. One instance per link; not thread-safe.
 */
public final class BundleSender {
  /**
   * Bounds of one bundle: items, bytes (record bytes and proofs, as counted by {@link #size}) and
   * the change-log sequences read at a time.
   */
  public record Limits(int maxItems, int maxBytes, int scanRows) {
    /** Large bundles: each is one durable transaction at the receiver, the costly part (docs/performance.md). */
    public static final Limits DEFAULT = new Limits(10_000, 8 << 20, 10_000);

    /** These limits with at most {@code bytes} a bundle (a receiver's bound), if it is smaller. */
    public Limits atMost(int bytes) {
      return bytes > 0 && bytes < maxBytes ? new Limits(maxItems, bytes, scanRows) : this;
    }
  }

  /** What an item adds to a bundle: its bytes, its proof and room for its sequence and hops. */
  static int size(LoggedVersion version) {
    return version.body().length + 32 * version.proof().getPathCount() + 128;
  }

  /** A bundle on its way, with what the ledger keeps of it once acknowledged. */
  public record Sent(Bundle bundle, long firstSeq, long lastSeq, int items, long bytes, Map<String, Integer> byType) {}

  private final Neighbour to;
  private final ExchangeStore store;
  private final Routing routing;
  private final BundleBuilder builder;
  private final Limits limits;
  private final Clock clock;
  /** What of the log read so far this link may send and no bundle carries yet, in order. */
  private final ArrayDeque<LoggedVersion> pending = new ArrayDeque<>();
  /** The sequence the log is read up to. */
  private long readUpTo = -1;
  /** The last sequence the latest bundle covers: where the next starts once that one is acknowledged. */
  private long covered = -1;

  public BundleSender(Neighbour to, ExchangeStore store, Routing routing, BundleBuilder builder, Limits limits,
      Clock clock) {
    this.to = to;
    this.store = store;
    this.routing = routing;
    this.builder = builder;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * The next bundle covering the change log after {@code afterSeq}, or empty when there is nothing
   * after it. The log is read a stretch of {@link Limits#scanRows} sequences at a time, without
   * what came from the neighbour; versions read but left for the next bundle are kept, so each is
   * read once. A bundle covers its stretch whole: versions it does not carry are ones the link
   * never sends.
   */
  public Optional<Sent> next(long afterSeq) {
    if (afterSeq != covered) { // the first bundle, or the last one was not acknowledged
      pending.clear();
      readUpTo = afterSeq;
    }
    if (pending.size() < limits.maxItems()) {
      long head = store.head();
      if (readUpTo < head) {
        long upTo = Math.min(head, readUpTo + limits.scanRows());
        pending.addAll(store.changesNotFrom(readUpTo, upTo, to.nodeId()));
        readUpTo = upTo;
      }
    }
    if (readUpTo <= afterSeq) {
      return Optional.empty();
    }
    List<LoggedVersion> items = new ArrayList<>();
    Map<String, Integer> byType = new HashMap<>();
    long bytes = 0;
    long lastSeq = readUpTo;
    while (!pending.isEmpty()) {
      LoggedVersion version = pending.peekFirst();
      if (routing.sends(version, to)) {
        if (!items.isEmpty() && (items.size() == limits.maxItems() || bytes + size(version) > limits.maxBytes())) {
          lastSeq = version.seq() - 1;
          break;
        }
        items.add(version);
        byType.merge(version.type(), 1, Integer::sum);
        bytes += size(version);
      }
      pending.removeFirst();
    }
    covered = lastSeq;
    Bundle bundle = builder.build(to.nodeId(), afterSeq + 1, lastSeq, items);
    return Optional.of(new Sent(bundle, afterSeq + 1, lastSeq, items.size(), bytes, byType));
  }

  /** Keeps what the neighbour said of {@code sent} and, unless it refused the bundle, moves the send cursor. */
  public void acknowledged(Sent sent, BundleAck ack) {
    Map<String, Integer> rejects = new HashMap<>();
    for (ItemReject reject : ack.getRejectsList()) {
      rejects.merge(reject.getReasonCode(), 1, Integer::sum);
    }
    boolean refused = !ack.getBundleErrorCode().isEmpty();
    if (refused) {
      rejects.put(ack.getBundleErrorCode(), sent.items());
    }
    LedgerEntry entry = new LedgerEntry(clock.millis(), to.nodeId(), LedgerEntry.Direction.SENT, sent.firstSeq(),
        sent.lastSeq(), sent.items(), sent.bytes(), ack.getAccepted(), ack.getDuplicates(), ack.getConflicts(),
        refused ? sent.items() : ack.getRejectsCount(), sent.byType(), rejects, 0, 0,
        refused ? Optional.of(ack.getBundleErrorCode() + ": " + ack.getBundleError()) : Optional.empty());
    if (refused) {
      store.ledger(entry);
    } else {
      store.acknowledged(entry);
    }
  }
}
