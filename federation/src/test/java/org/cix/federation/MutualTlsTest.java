package org.cix.federation;

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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.cix.core.link.LinkRole;
import org.cix.crypto.pki.ChainValidator;
import org.cix.crypto.pki.FrontEndKeys;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.NodeTrustManager;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.link.LinkChannels;
import org.cix.federation.link.LinkTarget;
import org.cix.federation.server.FederationNode;
import org.cix.federation.server.ServerLimits;
import org.cix.federation.tls.TlsContexts;
import org.cix.reliability.Fault;
import org.cix.storage.Database;
import org.cix.storage.JdbcStores;
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
  static final Fault FRONT_END_POSING = new Fault(
      "a read front end's certificate of node bj (its own key, honestly issued) presented by a server that a "
          + "child dials as its parent bj",
      "the child refuses the handshake: nodes link with a node's writer only, so a stolen front end cannot take "
          + "a child's bundles in bj's name");
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

  @Test
  void serverWithAFrontEndsCertificateOfTheExpectedNode_isRefusedByTheDiallingNode() throws Exception {
    FRONT_END_POSING.inflicted();
    NodeKeyMaterial frontKeys = FrontEndKeys.enrol(pki.root(), "bj", "1101", TestPki.VALIDITY,
        dir.resolve("bj-front"), pki.clock(), staging -> { });
    NodeKeyMaterial child = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    try (JdbcStores stores = new JdbcStores(Database.openH2(dir.resolve("front-data")));
        FederationNode front = TestNodes.frontEnd(frontKeys, stores, TestNodes.settings(0, Optional.empty(),
            List.of()), Duration.ofSeconds(30), java.time.Clock.systemUTC())) {
      long refusedBefore = TlsContexts.refusedHandshakes();
      channel = LinkChannels.open(child, new LinkTarget("bj", "127.0.0.1", front.federationPort(), LinkRole.PARENT),
          ServerLimits.defaults(), java.time.Clock.systemUTC(), new AtomicReference<>());

      assertThatThrownBy(() -> HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance())).isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
      assertThat(TlsContexts.refusedHandshakes()).as("refused during the handshake").isGreaterThan(refusedBefore);
    }
    // the same child reaches the writer's own server
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    channel = LinkChannels.open(child, new LinkTarget("bj", "127.0.0.1", city.federationPort(), LinkRole.PARENT),
        ServerLimits.defaults(), java.time.Clock.systemUTC(), new AtomicReference<>());
    assertThat(HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  private void assertRefused(Optional<NodeKeyMaterial> client) {
    assertThatThrownBy(() -> checkAs(client))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.UNAUTHENTICATED));
  }
}
