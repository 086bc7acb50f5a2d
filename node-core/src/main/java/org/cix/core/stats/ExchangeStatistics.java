package org.cix.core.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cix.core.sync.LedgerEntry;

/**
 * The exchange of one node since a moment, from its ledger and its store: flows per link and
 * direction, per record type, per day (in Beijing), refused items per reason, and the time from
 * origin seal to arrival here per origin node.
 */
public record ExchangeStatistics(Instant since, List<LinkFlow> links, List<TypeFlow> types, List<DayFlow> days,
    Map<String, Long> refusals, List<OriginLag> lags) {

  /** What went one way over one link. Lags only for what was received. */
  public record LinkFlow(String peer, LedgerEntry.Direction direction, long bundles, long items, long bytes,
      long accepted, long duplicates, long conflicts, long refused, long lagMaxMillis, long lagMeanMillis) {}

  public record TypeFlow(LedgerEntry.Direction direction, String type, long items) {}

  public record DayFlow(LocalDate day, LedgerEntry.Direction direction, long items) {}

  /** Versions received from elsewhere, by origin: how long after their seal they arrived here. */
  public record OriginLag(String origin, long versions, long p50Millis, long p99Millis, long maxMillis) {}
}
