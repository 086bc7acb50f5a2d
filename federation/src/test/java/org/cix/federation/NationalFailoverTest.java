package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cix.core.error.CixException;
import org.cix.core.node.NodeServices;
import org.cix.core.sync.LoggedVersion;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.FrontEndKeys;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.server.FederationNode;
import org.cix.reliability.Fault;
import org.cix.storage.Database;
import org.cix.storage.JdbcStores;
import org.cix.storage.LocalPostgres;
import org.cix.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The national node on PostgreSQL with a synchronous hot standby (issue 25): its primary is lost
 * while a city syncs up, the standby is promoted, and every record of the city is at the national
 * node exactly once, the city's link having resumed by itself. A read front end on the standby
 * answers checks during the sync, stops once its data is older than its bound, and answers again
 * from the promoted server.
 */
@Timeout(300)
class NationalFailoverTest {
  static final Fault PRIMARY_LOST_DURING_SYNC = new Fault(
      "the national node's PostgreSQL primary lost while a city syncs up; the standby promoted",
      "the city's link resumes by itself from its cursor; every record of the city is at the national node "
          + "exactly once; a read front end on the standby answers during the sync, stops answering once past its "
          + "bound without a primary, and answers again after the promotion");
  private static final Logger log = LoggerFactory.getLogger(NationalFailoverTest.class);
  private static final Duration BOUND = Duration.ofSeconds(120);
  private static final Duration MAX_LAG = Duration.ofSeconds(30);
  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();

  @Test
  void primaryLostDuringSync_afterPromotion_everyRecordOfTheCityIsThereOnce() throws Exception {
    PRIMARY_LOST_DURING_SYNC.inflicted();
    TestPki pki = TestPki.create(dir);
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    try (LocalPostgres primary = LocalPostgres.start()) {
      primary.createDatabase("cix");
      try (LocalPostgres standby = primary.standby()) {
        execute(primary.jdbcUrl("postgres"), "ALTER SYSTEM SET synchronous_standby_names = '*'");
        execute(primary.jdbcUrl("postgres"), "SELECT pg_reload_conf()");
        await().atMost(BOUND).until(() -> "sync".equals(first(primary.jdbcUrl("postgres"),
            "SELECT sync_state FROM pg_stat_replication")));
        String writerUrl = "jdbc:postgresql://127.0.0.1:" + primary.port() + ",127.0.0.1:" + standby.port()
            + "/cix?targetServerType=primary";
        NodeServices national = TestNodes.servicesOn(cnKeys, Database.openPostgres(writerUrl, LocalPostgres.USER, ""));
        FederationNode cn = running.start(cnKeys, Optional.empty());
        running.start(bjKeys, Optional.of(cn));
        NodeServices city = TestNodes.services(bjKeys);
        // a read front end of the national node on the standby
        MovableClock frontClock = new MovableClock(Instant.now());
        JdbcStores frontStores = JdbcStores.frontEnd(Database.openStandby(standby.jdbcUrl("cix"), LocalPostgres.USER,
            ""), Database.openWriters(writerUrl, LocalPostgres.USER, ""));
        NodeKeyMaterial frontKeys = FrontEndKeys.enrol(pki.root(), "cn", "", TestPki.VALIDITY,
            dir.resolve("cn-front"), pki.clock(), staging -> { });
        FederationNode front = running.add(TestNodes.frontEnd(frontKeys, frontStores,
            TestNodes.settings(0, Optional.empty(), List.of()), MAX_LAG, frontClock));

        try (AdminClient admin = new AdminClient(cn.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(10))) {
          assertThat(admin.status().getStandbysList()).as("cix status shows the standby commits wait for")
              .singleElement().satisfies(s -> assertThat(s.getSyncState()).isEqualTo("sync"));
        }
        TestExports.penalties(city, 1, "110101", 300);
        await().atMost(BOUND).until(() -> national.store().counts().versions() > 0);
        String subject = TestExports.first(city, "administrative-penalty").subjectId();
        long promoting;
        long promoted;
        try (AdminClient atFront = new AdminClient(front.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(20))) {
          await().atMost(BOUND).untilAsserted(() -> assertThat(atFront.check(TestNodes.procurement(subject))
              .getSubjectId())
              .as("the front end answers during the sync").isEqualTo(subject));
          primary.crash();
          TestExports.penalties(city, 2, "110102", 200);
          // no primary: the standby replays nothing new; past the bound the front end stops answering
          frontClock.set(Instant.now().plus(MAX_LAG).plusSeconds(1));
          await().atMost(BOUND).untilAsserted(() -> assertThatThrownBy(() -> atFront.check(
              TestNodes.procurement(subject)))
              .isInstanceOf(CixException.class).hasMessageContaining("behind its writer"));
          promoting = System.nanoTime();
          standby.promote();
          promoted = System.nanoTime();
          TestExports.penalties(city, 3, "110105", 100);
          await().atMost(BOUND).untilAsserted(() -> assertThat(atFront.check(TestNodes.procurement(subject))
              .getSubjectId())
              .as("on the promoted server, recording in it").isEqualTo(subject));
        }

        await().atMost(BOUND).untilAsserted(() -> assertThat(types(national)).isEqualTo(types(city)));
        // the figures docs/scaling.md quotes for the time to fail over
        log.info("failover: promotion took {} ms; every record of the city at the national node {} ms after it began",
            (promoted - promoting) / 1_000_000, (System.nanoTime() - promoting) / 1_000_000);
        assertThat(types(city)).containsEntry("administrative-penalty", 600L);
        assertThat(national.store().counts().versions()).as("exactly once")
            .isEqualTo(national.store().counts().records()).isEqualTo(city.store().counts().versions());
      }
    }
  }

  private static Map<String, Long> types(NodeServices node) {
    return node.exchange().changesAfter(0, 1_000_000).stream()
        .collect(Collectors.groupingBy(LoggedVersion::type, Collectors.counting()));
  }

  private static void execute(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, ""); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String first(String url, String select) throws Exception {
    try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, ""); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(select)) {
      return r.next() ? r.getString(1) : "";
    }
  }
}
