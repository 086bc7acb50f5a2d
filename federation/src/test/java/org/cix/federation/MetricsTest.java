package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cix.core.synthetic.ExampleRecords;
import java.nio.charset.StandardCharsets;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.core.synthetic.SyntheticDepartments;
import org.cix.proto.v1.IngestStart;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.server.FederationNode;
import org.cix.federation.server.FederationSettings;
import org.cix.proto.v1.CheckRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus endpoint: off by default; when on, links, the store, ingest and checks as they are. */
@Timeout(60)
class MetricsTest {
  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();

  @Test
  void metrics_areOffByDefault_andWhenOnTellLinksStoreIngestAndChecks() throws Exception {
    TestPki pki = TestPki.create(dir);
    FederationNode cn = running.start(pki.node("cn", ""), Optional.empty());
    assertThat(cn.metricsPort()).as("off unless configured").isEqualTo(-1);
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    FederationSettings plain = TestNodes.settings(0, Optional.of(TestNodes.parentTarget(cn)), List.of());
    FederationNode bj = running.add(FederationNode.start(bjKeys, TestNodes.TOKEN, TestNodes.services(bjKeys),
        new FederationSettings(plain.listen(), plain.adminPort(), plain.limits(), plain.parent(), plain.peers(),
            plain.backoff(), Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), Duration.ZERO),
        java.time.Clock.systemUTC()));
    assertThat(bj.metricsPort()).isPositive();

    java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
    new PenaltyExports(31, "110105", 0).write(csv, StandardCharsets.UTF_8, 50);
    ExampleRecords examples = new ExampleRecords(32, "110105");
    long stored;
    try (AdminClient admin = new AdminClient(bj.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(30))) {
      SyntheticDepartments.Kind market = SyntheticDepartments.Kind.MARKET_REGULATION;
      assertThat(admin.access().registerDepartment(SyntheticDepartments.uscc("110105", market),
          SyntheticDepartments.name("110105", market), market.types()).getNode()).isEqualTo("bj");
      stored = admin.ingest(IngestStart.newBuilder().setFileName("penalties.csv").setMappingName("mapping")
          .setMappingYaml(PenaltyExports.mapping(StandardCharsets.UTF_8)).build(),
          new java.io.ByteArrayInputStream(csv.toByteArray()), r -> { }, p -> { }, Duration.ofSeconds(30))
          .getCreated();
      admin.check(CheckRequest.newBuilder().setSubjectId(examples.enterprise()).setAction("bond-issuance")
          .setAsker("金融科").setPurpose("审查").build());
    }

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape(bj.metricsPort()))
        .contains("cix_link_up{peer=\"cn\",role=\"parent\"} 1.0")
        // the penalties and the registration of their department
        .contains("cix_records_sent_total{peer=\"cn\"} " + (stored + 1) + ".0")
        .contains("cix_link_backlog{peer=\"cn\"} 0.0")
        .contains("cix_store{what=\"records\"} " + (stored + 1) + ".0")
        .contains("cix_checks_total{decision=\"none\"} 1.0")
        .contains("cix_ingested_rows_total{outcome=\"created\"} " + stored + ".0"));
    assertThat(stored).isEqualTo(50);
    assertThat(scrape(bj.metricsPort())).as("the JVM's, the last ingest (issue 23)")
        .containsPattern("jvm_memory_used_bytes\\{area=\"heap\"} [0-9.E]+")
        .containsPattern("cix_last_ingest_timestamp_seconds 1\\.[0-9]+E9");
    // the quality queue is counted by the change-log follower, which runs once the store is quiet
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape(bj.metricsPort()))
        .containsPattern("cix_quality_open\\{department=\"[0-9A-Z]{18}\"} 0\\.0"));
    HttpClient client = HttpClient.newHttpClient();
    assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bj.metricsPort() + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  private static String scrape(int port) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
