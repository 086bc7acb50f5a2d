package org.cix.federation;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cix.crypto.pki.ChainValidator;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.NodeTrustManager;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.server.FederationNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node on loopback with real mutual TLS: which clients get through the handshake and
 * the peer identity interceptor, and which are refused.
 */
@Timeout(60)
class MutualTlsTest {
  static final Fault BAD_CERTIFICATE = new Fault(
      "a client with no certificate, one from another root, an expired one, one issued outside "
          + "its issuer's jurisdiction; a server with another node id",
      "refused during the TLS handshake, with the reason");
  @TempDir Path dir;
  private TestPki pki;
  private FederationNode city;
  private ManagedChannel channel;

  @BeforeEach
  void setUp() {
    pki = TestPki.create(dir);
    city = TestNodes.start(pki.node("bj", "1101"), Optional.empty());
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    city.close();
  }

  private HealthCheckResponse checkAs(Optional<NodeKeyMaterial> client) throws Exception {
    SslContextBuilder ssl = GrpcSslContexts.forClient()
        .trustManager(NodeTrustManager.forClient(new ChainValidator(pki.root().root(), pki.clock()), "bj"))
        .protocols("TLSv1.3");
    client.ifPresent(keys -> ssl.keyManager(keys.tlsKey(), keys.tlsChain().toArray(X509Certificate[]::new)));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", city.federationPort()).sslContext(ssl.build()).build();
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance());
  }

  @Test
  void validChild_isServed() throws Exception {
    NodeKeyMaterial child = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");

    assertThat(checkAs(Optional.of(child)).getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void clientWithoutCertificate_isRefused() {
    BAD_CERTIFICATE.inflicted();
    assertRefused(Optional.empty());
  }

  @Test
  void clientFromForeignCa_isRefused() {
    BAD_CERTIFICATE.inflicted();
    assertRefused(Optional.of(TestPki.foreignNode("bj-chaoyang", "110105")));
  }

  @Test
  void clientWithExpiredCertificate_isRefused() {
    BAD_CERTIFICATE.inflicted();
    assertRefused(Optional.of(pki.expiredNode(pki.caOf("bj"), "bj-chaoyang", "110105")));
  }

  @Test
  void clientWhoseIssuerExceededItsJurisdiction_isRefused() {
    BAD_CERTIFICATE.inflicted();
    assertRefused(Optional.of(pki.outsideJurisdiction(pki.caOf("bj"), "tj-heping", "120101")));
  }

  @Test
  void serverWithAnotherNodeId_isRefusedByTheClient() {
    BAD_CERTIFICATE.inflicted();
    NodeKeyMaterial child = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    ChainValidator validator = new ChainValidator(pki.root().root(), pki.clock());

    assertThatThrownBy(() -> {
      channel = NettyChannelBuilder.forAddress("127.0.0.1", city.federationPort())
          .sslContext(GrpcSslContexts.forClient()
              .keyManager(child.tlsKey(), child.tlsChain().toArray(X509Certificate[]::new))
              .trustManager(NodeTrustManager.forClient(validator, "sh"))
              .build())
          .build();
      HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance());
    }).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  private void assertRefused(Optional<NodeKeyMaterial> client) {
    assertThatThrownBy(() -> checkAs(client))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.UNAUTHENTICATED));
  }
}
