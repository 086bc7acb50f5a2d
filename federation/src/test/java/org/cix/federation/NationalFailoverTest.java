package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cix.core.node.NodeServices;
import org.cix.core.sync.LoggedVersion;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.server.FederationNode;
import org.cix.reliability.Fault;
import org.cix.storage.Database;
import org.cix.storage.LocalPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The national node on PostgreSQL with a synchronous hot standby (issue 25): its primary is lost
 * while a city syncs up, the standby is promoted, and every record of the city is at the national
 * node exactly once, the city's link having resumed by itself.
 */
@Timeout(300)
class NationalFailoverTest {
  static final Fault PRIMARY_LOST_DURING_SYNC = new Fault(
      "the national node's PostgreSQL primary lost while a city syncs up; the standby promoted",
      "the city's link resumes by itself from its cursor; every record of the city is at the national node "
          + "exactly once");
  private static final Duration BOUND = Duration.ofSeconds(120);
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
        NodeServices national = TestNodes.servicesOn(cnKeys, Database.openPostgres("jdbc:postgresql://127.0.0.1:"
            + primary.port() + ",127.0.0.1:" + standby.port() + "/cix?targetServerType=primary", LocalPostgres.USER, ""));
        FederationNode cn = running.start(cnKeys, Optional.empty());
        running.start(bjKeys, Optional.of(cn));
        NodeServices city = TestNodes.services(bjKeys);

        try (AdminClient admin = new AdminClient(cn.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(10))) {
          assertThat(admin.status().getStandbysList()).as("cix status shows the standby commits wait for")
              .singleElement().satisfies(s -> assertThat(s.getSyncState()).isEqualTo("sync"));
        }
        TestExports.penalties(city, 1, "110101", 300);
        await().atMost(BOUND).until(() -> national.store().counts().versions() > 0);
        primary.crash();
        TestExports.penalties(city, 2, "110102", 200);
        standby.promote();
        TestExports.penalties(city, 3, "110105", 100);

        await().atMost(BOUND).untilAsserted(() -> assertThat(types(national)).isEqualTo(types(city)));
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
