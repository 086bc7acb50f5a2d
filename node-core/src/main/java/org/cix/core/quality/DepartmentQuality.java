package org.cix.core.quality;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The quality figures of one source department at this node: record versions held from it,
 * rows and records refused (by reason), conflicts, name mismatches, issues still open, and the
 * median time from an issue to its resolution.
 */
public record DepartmentQuality(String department, String name, long received, Map<String, Long> refusedByReason,
    long conflicts, long nameMismatches, long open, Optional<Duration> medianTimeToFix) {
  public DepartmentQuality {
    refusedByReason = Collections.unmodifiableMap(new TreeMap<>(refusedByReason));
  }

  public long refused() {
    return refusedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The median of {@code millis} (the mean of the middle two for an even count); empty for none. */
  public static Optional<Duration> median(List<Long> millis) {
    if (millis.isEmpty()) {
      return Optional.empty();
    }
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    int n = sorted.size();
    long middle = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return Optional.of(Duration.ofMillis(middle));
  }
}
