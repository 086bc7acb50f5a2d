package org.cix.core.sync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.proto.v1.Bundle;
import org.cix.proto.v1.BundleAck;
import org.cix.proto.v1.ItemReject;

/**
 * Cuts this node's change log into bundles for one neighbour: reads after a sequence, keeps what
 * {@link Routing} sends that neighbour, and stops at the item or byte bound. A stretch of the log
 * with nothing for the neighbour still makes a (small) bundle, so that both cursors move past it.
 * One instance per link; not thread-safe.
 */
public final class BundleSender {
  /** Bounds of one bundle. */
  public record Limits(int maxItems, int maxBytes, int scanRows) {
    public static final Limits DEFAULT = new Limits(2_000, 1 << 20, 10_000);
  }

  /** A bundle on its way, with what the ledger keeps of it once acknowledged. */
  public record Sent(Bundle bundle, long firstSeq, long lastSeq, int items, long bytes, Map<String, Integer> byType) {}

  private final Neighbour to;
  private final ExchangeStore store;
  private final Routing routing;
  private final BundleBuilder builder;
  private final Limits limits;
  private final Clock clock;

  public BundleSender(Neighbour to, ExchangeStore store, Routing routing, BundleBuilder builder, Limits limits,
      Clock clock) {
    this.to = to;
    this.store = store;
    this.routing = routing;
    this.builder = builder;
    this.limits = limits;
    this.clock = clock;
  }

  /** The next bundle covering the change log after {@code afterSeq}, or empty when there is nothing after it. */
  public Optional<Sent> next(long afterSeq) {
    List<LoggedVersion> scanned = store.changesAfter(afterSeq, limits.scanRows());
    if (scanned.isEmpty()) {
      return Optional.empty();
    }
    List<LoggedVersion> items = new ArrayList<>();
    Map<String, Integer> byType = new HashMap<>();
    long bytes = 0;
    long lastSeq = afterSeq;
    for (LoggedVersion version : scanned) {
      if (routing.sends(version, to)) {
        if (!items.isEmpty() && (items.size() == limits.maxItems() || bytes + version.body().length > limits.maxBytes())) {
          break;
        }
        items.add(version);
        byType.merge(version.type(), 1, Integer::sum);
        bytes += version.body().length;
      }
      lastSeq = version.seq();
    }
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
