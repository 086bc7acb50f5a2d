package org.cix.core.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Versions an origin made that this node does not hold. Every type goes up, so every node above
 * an origin should hold each version the origin made; the origin's own report (sealed by it,
 * made after the versions it counts and sent up behind them) says how many of each type it had
 * made. A relay that dropped versions on the way up, or a version refused here, shows as a
 * shortfall; a relay that holds back the reports too shows as a report growing old.
 *
 * @param reportedAtMillis when the origin counted (its report's time)
 */
public record MissingVersions(String originNode, String type, long reported, long held, long reportedAtMillis) {
  public long missing() {
    return reported - held;
  }

  /**
   * The shortfalls of every origin whose report this node holds, other than itself: reported
   * counts above {@code held} (origin to type to versions held here).
   */
  public static List<MissingVersions> of(String self, List<NodeReports.NodeReport> reports,
      Map<String, Map<String, Long>> held) {
    List<MissingVersions> missing = new ArrayList<>();
    for (NodeReports.NodeReport report : reports) {
      if (report.nodeId().equals(self)) {
        continue;
      }
      Map<String, Long> here = held.getOrDefault(report.nodeId(), Map.of());
      report.originated().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(type -> {
        long have = here.getOrDefault(type.getKey(), 0L);
        if (have < type.getValue()) {
          missing.add(new MissingVersions(report.nodeId(), type.getKey(), type.getValue(), have,
              report.reportedAtMillis()));
        }
      });
    }
    return missing;
  }
}
