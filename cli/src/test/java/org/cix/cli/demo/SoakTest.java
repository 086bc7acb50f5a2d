package org.cix.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.cix.reliability.Fault;
import org.cix.storage.Database;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The short soak of the default test run ({@code cix bench soak --minutes 0.75 --kill-every 12
 * --store h2|postgres}): seven node processes under continuous ingest, listings, checks and
 * objections, a node killed with SIGKILL and restarted every 12 s; afterwards everything
 * converges. The long run is {@code cix bench soak --minutes N}.
 */
@Timeout(360)
class SoakTest {
  static final Fault KILLED_UNDER_LOAD = new Fault(
      "kill -9 of a city or district node process (chosen at random) while the 7-node federation (on H2 "
          + "and on PostgreSQL) is under continuous ingest, listings, checks and objections, then restarted (cix bench soak)",
      "the federation converges: every version every node made held at the national node exactly, every listing "
          + "at every node, every objection decided and its decision back at the filing node, every audit chain "
          + "intact");

  /** Kept when the test fails, with the node logs. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir;

  @RegisterExtension
  final NodeLogsOnFailure logsOnFailure = new NodeLogsOnFailure(() -> dir.resolve("logs"));

  @ParameterizedTest
  @EnumSource(Database.Engine.class)
  void shortSoak_withKills_converges(Database.Engine store) throws Exception {
    StringWriter out = new StringWriter();
    Soak.Result result = new Soak(dir, new PrintWriter(out, true), Duration.ofSeconds(45), Duration.ofSeconds(12), store)
        .run();

    KILLED_UNDER_LOAD.inflicted(result.kills());
    assertThat(result.failures()).as(out.toString()).isEmpty();
    assertThat(result.kills()).as(out.toString()).isGreaterThanOrEqualTo(2);
    assertThat(result.penalties()).isPositive();
    assertThat(result.listings()).isPositive();
    assertThat(result.objections()).isPositive();
    assertThat(result.restricted()).as("listed subjects were restricted where the listing had arrived").isPositive();
    assertThat(result.peakRssKb()).hasSize(7).allSatisfy((node, kb) -> assertThat(kb).isPositive());
  }
}
