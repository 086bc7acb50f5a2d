package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.cix.core.stats.ExchangeStatistics;
import org.cix.core.stats.ExchangeStats;
import org.cix.core.sync.LedgerEntry;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The statistics of every node equal what went over its links, type by type, in a real tree. */
@Timeout(120)
class ExchangeStatsTest {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();


  private static Map<String, Long> flows(ExchangeStatistics stats) {
    return stats.links().stream().collect(Collectors.toMap(f -> f.peer() + " " + f.direction().name().toLowerCase(),
        ExchangeStatistics.LinkFlow::accepted));
  }

  private static Map<String, Long> types(ExchangeStatistics stats, LedgerEntry.Direction direction) {
    return stats.types().stream().filter(t -> t.direction() == direction)
        .collect(Collectors.toMap(ExchangeStatistics.TypeFlow::type, ExchangeStatistics.TypeFlow::items));
  }

  @Test
  void everyNodesFigures_matchWhatWentOverItsLinks() {
    TestTree tree = TestTree.start(TestPki.create(dir), running);
    Instant start = Instant.now().minusSeconds(1);
    TestExports.penalties(tree.services("bj-chaoyang"), 61, "110105", 30);
    TestExports.listings(tree.services("bj-chaoyang"), 62, "110105", 1, 2);

    // and chaoyang's registration of the department that decided them, which goes everywhere
    await().atMost(BOUND).untilAsserted(() -> {
      assertThat(flows(ExchangeStats.of(tree.services("bj").exchange(), start))).containsExactlyInAnyOrderEntriesOf(Map.of(
          "bj-chaoyang received", 33L, "cn sent", 33L, "bj-dongcheng sent", 3L));
      assertThat(flows(ExchangeStats.of(tree.services("cn").exchange(), start))).containsExactlyInAnyOrderEntriesOf(Map.of(
          "bj received", 33L, "sh sent", 3L));
      assertThat(flows(ExchangeStats.of(tree.services("sh").exchange(), start))).containsExactlyInAnyOrderEntriesOf(Map.of(
          "cn received", 3L, "sh-huangpu sent", 3L));
    });
    ExchangeStatistics bj = ExchangeStats.of(tree.services("bj").exchange(), start);
    assertThat(types(bj, LedgerEntry.Direction.RECEIVED)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "administrative-penalty", 30L, "serious-dishonesty", 2L, "department", 1L));
    assertThat(types(bj, LedgerEntry.Direction.SENT)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "administrative-penalty", 30L, "serious-dishonesty", 4L, "department", 2L));
    assertThat(bj.refusals()).isEmpty();
    assertThat(bj.lags()).singleElement().satisfies(l -> {
      assertThat(l.origin()).isEqualTo("bj-chaoyang");
      assertThat(l.versions()).isEqualTo(33);
      assertThat(l.p50Millis()).isLessThanOrEqualTo(l.p99Millis()).isLessThanOrEqualTo(l.maxMillis());
    });
    assertThat(bj.days().stream().filter(d -> d.direction() == LedgerEntry.Direction.RECEIVED)
        .mapToLong(ExchangeStatistics.DayFlow::items).sum()).isEqualTo(33);
    assertThat(bj.days().stream().filter(d -> d.direction() == LedgerEntry.Direction.SENT)
        .mapToLong(ExchangeStatistics.DayFlow::items).sum()).isEqualTo(36);
    ExchangeStatistics chaoyang = ExchangeStats.of(tree.services("bj-chaoyang").exchange(), start);
    assertThat(chaoyang.links()).singleElement().satisfies(f -> {
      assertThat(f.peer()).isEqualTo("bj");
      assertThat(f.items()).isEqualTo(33);
      assertThat(f.bytes()).isPositive();
    });
    assertThat(chaoyang.lags()).as("nothing arrived from elsewhere").isEmpty();
  }
}
