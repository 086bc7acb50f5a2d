package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.server.FederationNode;
import org.cix.federation.server.FederationSettings;
import org.cix.proto.v1.CertificateExpiry;
import org.cix.proto.v1.NodeStatus;
import org.cix.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Expiry in sight (issue 20): a certificate ten days from its end shows in status and metrics. */
@Timeout(60)
class CertificateExpiryTest {
  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();

  @Test
  void aCertificateExpiringInTenDays_isDueForRenewal_inStatusAndMetrics() throws Exception {
    NodeKeyMaterial keys = TestPki.create(dir).node("bj", "1101");
    Instant tlsEnd = keys.tlsChain().get(0).getNotAfter().toInstant();
    MovableClock clock = new MovableClock(tlsEnd.minus(Duration.ofDays(10)));
    FederationSettings plain = TestNodes.settings(0, Optional.empty(), List.of());
    FederationNode node = running.add(FederationNode.start(keys, TestNodes.TOKEN, TestNodes.services(keys),
        new FederationSettings(plain.listen(), plain.adminPort(), plain.limits(), plain.parent(), plain.peers(),
            plain.backoff(), Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), Duration.ZERO),
        clock));

    NodeStatus status;
    try (AdminClient admin = new AdminClient(node.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(10))) {
      status = admin.status();
    }

    assertThat(status.getCertificatesList()).extracting(CertificateExpiry::getWhich)
        .containsExactly("tls", "seal", "root");
    assertThat(status.getCertificates(0).getRenew()).isTrue();
    assertThat(status.getCertificates(0).getNotAfterMillis()).isEqualTo(tlsEnd.toEpochMilli());
    assertThat(status.getCertificates(2).getRenew()).as("the root has a year left").isFalse();
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + node.metricsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("cix_certificate_expiry_seconds{certificate=\"tls\"} 864000.0");
  }
}
