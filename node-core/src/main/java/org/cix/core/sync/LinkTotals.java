package org.cix.core.sync;

import java.util.Optional;

/**
 * What sync over one link did in all, as the exchange ledger keeps it, so that per-link counts go
 * on across restarts.
 *
 * @param recordsSent items in bundles the neighbour acknowledged
 * @param recordsReceived versions received from the neighbour and stored (not counting duplicates)
 * @param refused items from the neighbour refused here
 * @param lastBundleMillis when the last bundle went either way, if one did
 */
public record LinkTotals(long recordsSent, long recordsReceived, long refused, Optional<Long> lastBundleMillis) {
  public static final LinkTotals NONE = new LinkTotals(0, 0, 0, Optional.empty());
}
