package org.cix.core.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cix.core.record.ChinaDate;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.sync.LedgerEntry;

/** Computes {@link ExchangeStatistics} from the exchange ledger and the arrival times in the store. */
public final class ExchangeStats {
  /** Arrival times read at most, the most recent first. */
  static final int LAG_SAMPLE = 200_000;

  private ExchangeStats() {}

  public static ExchangeStatistics of(ExchangeStore store, Instant since) {
    return compute(store.ledgerSince(since.toEpochMilli()),
        store.arrivalLags(since.toEpochMilli(), LAG_SAMPLE), since);
  }

  /** The figures of {@code entries} (oldest first) and {@code lags} (milliseconds per origin). */
  static ExchangeStatistics compute(List<LedgerEntry> entries, Map<String, List<Long>> lags, Instant since) {
    Map<String, long[]> links = new TreeMap<>();
    Map<String, Long> types = new TreeMap<>();
    Map<String, Long> days = new TreeMap<>();
    Map<String, Long> refusals = new TreeMap<>();
    for (LedgerEntry e : entries) {
      String direction = e.direction().name();
      long[] f = links.computeIfAbsent(e.peerNode() + "\t" + direction, k -> new long[9]);
      f[0]++;
      f[1] += e.items();
      f[2] += e.bytes();
      f[3] += e.accepted();
      f[4] += e.duplicates();
      f[5] += e.conflicts();
      f[6] += e.rejected();
      f[7] = Math.max(f[7], e.lagMaxMillis());
      f[8] += e.lagSumMillis();
      e.byType().forEach((type, n) -> types.merge(direction + "\t" + type, (long) n, Long::sum));
      days.merge(LocalDate.ofInstant(Instant.ofEpochMilli(e.atMillis()), ChinaDate.ZONE) + "\t" + direction, (long) e.items(),
          Long::sum);
      if (e.direction() == LedgerEntry.Direction.RECEIVED) {
        e.rejects().forEach((reason, n) -> refusals.merge(reason, (long) n, Long::sum));
        e.error().ifPresent(error -> refusals.merge("whole bundle refused", 1L, Long::sum));
      }
    }
    List<ExchangeStatistics.LinkFlow> linkFlows = new ArrayList<>();
    links.forEach((key, f) -> {
      String[] parts = key.split("\t");
      LedgerEntry.Direction direction = LedgerEntry.Direction.valueOf(parts[1]);
      boolean received = direction == LedgerEntry.Direction.RECEIVED;
      linkFlows.add(new ExchangeStatistics.LinkFlow(parts[0], direction, f[0], f[1], f[2], f[3], f[4], f[5], f[6],
          received ? f[7] : 0, received && f[3] > 0 ? f[8] / f[3] : 0));
    });
    List<ExchangeStatistics.TypeFlow> typeFlows = new ArrayList<>();
    types.forEach((key, n) -> {
      String[] parts = key.split("\t");
      typeFlows.add(new ExchangeStatistics.TypeFlow(LedgerEntry.Direction.valueOf(parts[0]), parts[1], n));
    });
    List<ExchangeStatistics.DayFlow> dayFlows = new ArrayList<>();
    days.forEach((key, n) -> {
      String[] parts = key.split("\t");
      dayFlows.add(new ExchangeStatistics.DayFlow(LocalDate.parse(parts[0]), LedgerEntry.Direction.valueOf(parts[1]),
          n));
    });
    List<ExchangeStatistics.OriginLag> originLags = new ArrayList<>();
    new TreeMap<>(lags).forEach((origin, millis) -> {
      List<Long> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      if (!sorted.isEmpty()) {
        originLags.add(new ExchangeStatistics.OriginLag(origin, sorted.size(), percentile(sorted, 50),
            percentile(sorted, 99), sorted.get(sorted.size() - 1)));
      }
    });
    return new ExchangeStatistics(since, linkFlows, typeFlows, dayFlows, refusals, originLags);
  }

  /** Nearest-rank percentile of a sorted, non-empty list. */
  static long percentile(List<Long> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
