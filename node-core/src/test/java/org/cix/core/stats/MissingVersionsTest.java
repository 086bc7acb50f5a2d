package org.cix.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MissingVersionsTest {
  private static NodeReports.NodeReport report(String node, Map<String, Long> originated) {
    return new NodeReports.NodeReport(node, "", "", 1_000, "test", 0, 0, 0, List.of(), originated, 0);
  }

  @Test
  void aTypeReportedAboveWhatIsHeld_isMissing_byTheDifference() {
    List<MissingVersions> missing = MissingVersions.of("cn",
        List.of(report("bj", Map.of("administrative-penalty", 10L, "red-list", 2L))),
        Map.of("bj", Map.of("administrative-penalty", 7L, "red-list", 2L)));

    assertThat(missing).containsExactly(new MissingVersions("bj", "administrative-penalty", 10, 7, 1_000));
    assertThat(missing.get(0).missing()).isEqualTo(3);
  }

  @Test
  void aTypeNothingOfWhichArrived_isMissingWhole() {
    assertThat(MissingVersions.of("cn", List.of(report("bj", Map.of("serious-dishonesty", 4L))), Map.of()))
        .containsExactly(new MissingVersions("bj", "serious-dishonesty", 4, 0, 1_000));
  }

  @Test
  void holdingMoreThanReported_versionsMadeAfterTheReport_isNothingMissing() {
    assertThat(MissingVersions.of("cn", List.of(report("bj", Map.of("administrative-penalty", 10L))),
        Map.of("bj", Map.of("administrative-penalty", 12L)))).isEmpty();
  }

  @Test
  void theNodesOwnReport_isNotComparedWithItself() {
    assertThat(MissingVersions.of("bj", List.of(report("bj", Map.of("administrative-penalty", 10L))), Map.of()))
        .isEmpty();
  }
}
