package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cix.core.error.CixException;
import org.cix.core.node.NodeServices;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.FrontEndKeys;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.server.FederationNode;
import org.cix.federation.server.FederationSettings;
import org.cix.proto.v1.CheckResult;
import org.cix.proto.v1.NodeStatus;
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
 * A read front end of the national node (issue 25): a second process on a hot standby of the
 * national node's PostgreSQL, answering checks while a city syncs up, recording them in the
 * writer's database, refusing writes, and refusing to answer once its standby is further behind
 * than its bound.
 */
@Timeout(300)
class FrontEndTest {
  static final Fault STANDBY_BEHIND = new Fault(
      "a read front end's standby stops replaying while its writer goes on receiving",
      "the front end refuses checks (UNAVAILABLE, naming its lag and bound) once the lag passes its bound, "
          + "shows the lag in its status, and answers again once the standby has caught up");
  private static final Duration BOUND = Duration.ofSeconds(120);
  private static final Duration MAX_LAG = Duration.ofSeconds(30);
  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();

  @Test
  void frontEndOnAStandby_answersChecksDuringSync_recordsThemAtTheWriter_andStopsBeyondItsBound() throws Exception {
    STANDBY_BEHIND.inflicted();
    TestPki pki = TestPki.create(dir);
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    // the front end's certificate of its own: node cn, another key, marked as a front end's, no sealing key
    NodeKeyMaterial frontKeys = FrontEndKeys.enrol(pki.root(), "cn", "", TestPki.VALIDITY,
        dir.resolve("cn-front"), pki.clock(), staging -> { });
    try (LocalPostgres primary = LocalPostgres.start()) {
      primary.createDatabase("cix");
      try (LocalPostgres standby = primary.standby()) {
        NodeServices national = TestNodes.servicesOn(cnKeys, Database.openPostgres(primary.jdbcUrl("cix"),
            LocalPostgres.USER, ""));
        FederationNode cn = running.start(cnKeys, Optional.empty());
        running.start(bjKeys, Optional.of(cn));
        NodeServices city = TestNodes.services(bjKeys);
        TestExports.penalties(city, 1, "110101", 200);
        await().atMost(BOUND).until(() -> national.store().counts().versions() == city.store().counts().versions());
        String subject = TestExports.first(city, "administrative-penalty").subjectId();

        MovableClock clock = new MovableClock(Instant.now());
        JdbcStores frontStores = JdbcStores.frontEnd(Database.openStandby(standby.jdbcUrl("cix"), LocalPostgres.USER,
            ""), Database.openWriters(primary.jdbcUrl("cix"), LocalPostgres.USER, ""));
        FederationNode front = running.add(TestNodes.frontEnd(frontKeys, frontStores,
            withMetrics(TestNodes.settings(0, Optional.empty(), List.of())), MAX_LAG, clock));
        try (AdminClient atFront = new AdminClient(front.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(20));
            AdminClient atWriter = new AdminClient(cn.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(20))) {
          long checksBefore = count(primary, "SELECT COUNT(*) FROM discipline_check");
          // checks at the front end while the city sends up 400 more records
          TestExports.penalties(city, 2, "110102", 400);
          List<CheckResult> answered = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            answered.add(atFront.check(TestNodes.procurement(subject)));
          }
          assertThat(answered).allSatisfy(a -> assertThat(a.getSubjectId()).isEqualTo(subject));
          assertThat(count(primary, "SELECT COUNT(*) FROM discipline_check") - checksBefore)
              .as("every check the front end answered is in the writer's check log").isEqualTo(20);
          await().atMost(BOUND).until(() -> frontStores.records().counts().versions()
              == city.store().counts().versions());
          CheckResult fromFront = atFront.check(TestNodes.procurement(subject));
          CheckResult fromWriter = atWriter.check(TestNodes.procurement(subject));
          assertThat(fromFront.getDecision()).as("same answer as the writer's").isEqualTo(fromWriter.getDecision());
          assertThat(fromFront.getFindingsList()).isEqualTo(fromWriter.getFindingsList());
          assertThat(atWriter.trust().verifyAudit().getIntact())
              .as("the writer's audit chain holds with the front end's entries among its own").isTrue();
          assertThat(count(primary, "SELECT COUNT(*) FROM audit_log WHERE action = 'check'")).isEqualTo(22);

          assertThatThrownBy(() -> atFront.access().registerDepartment("91110000600037341L", "某局",
              List.of("administrative-penalty")))
              .isInstanceOf(CixException.class).hasMessageContaining("read front end of node cn")
              .satisfies(e -> assertThat(((CixException) e).kind()).isEqualTo(CixException.Kind.PRECONDITION_FAILED));

          // the standby stops replaying; the writer goes on receiving
          execute(standby, "SELECT pg_wal_replay_pause()");
          TestExports.penalties(city, 3, "110105", 100);
          // behind: what it replayed last is older than what it received (seen from an hour on, it shows)
          await().atMost(BOUND).until(() -> frontStores.lag().behind(Instant.now().plus(Duration.ofHours(1)))
              .orElseThrow().compareTo(Duration.ofMinutes(59)) > 0);
          clock.set(Instant.now().plus(MAX_LAG).plusSeconds(1));
          // the guard reuses a lag it read up to 200 ms ago (timed by System.nanoTime, which the clock's jump does
          // not move): the check before the pause may have left one, read while the standby was caught up
          await().atMost(BOUND).untilAsserted(() -> assertThatThrownBy(
              () -> atFront.check(TestNodes.procurement(subject)))
              .isInstanceOf(CixException.class).hasMessageContaining("behind its writer (at most 30.0 s allowed)")
              .satisfies(e -> assertThat(((CixException) e).kind()).isEqualTo(CixException.Kind.UNAVAILABLE)));
          NodeStatus status = atFront.status();
          assertThat(status.getFrontEnd().getAnswering()).isFalse();
          assertThat(status.getFrontEnd().getBehindMillis()).isGreaterThan(MAX_LAG.toMillis());
          java.util.regex.Matcher gauge = java.util.regex.Pattern.compile("(?m)^cix_replica_lag_seconds ([0-9.E]+)$")
              .matcher(scrape(front.metricsPort()));
          assertThat(gauge.find()).as("the lag gauge").isTrue();
          assertThat(Double.parseDouble(gauge.group(1))).isGreaterThan(MAX_LAG.toSeconds());
          assertThat(atWriter.check(TestNodes.procurement(subject)).getSubjectId()).as("the writer still answers")
              .isEqualTo(subject);

          execute(standby, "SELECT pg_wal_replay_resume()");
          await().atMost(BOUND).until(() -> atFront.status().getFrontEnd().getAnswering());
          assertThat(atFront.check(TestNodes.procurement(subject)).getSubjectId()).isEqualTo(subject);
        }
      }
    }
  }

  private static FederationSettings withMetrics(FederationSettings plain) {
    return new FederationSettings(plain.listen(), plain.adminPort(), plain.limits(), plain.parent(), plain.peers(),
        plain.backoff(), Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), Duration.ZERO);
  }

  private static String scrape(int port) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void execute(LocalPostgres server, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), LocalPostgres.USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(LocalPostgres server, String select) throws Exception {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl("cix"), LocalPostgres.USER, "");
        Statement s = c.createStatement(); ResultSet r = s.executeQuery(select)) {
      r.next();
      return r.getLong(1);
    }
  }
}
