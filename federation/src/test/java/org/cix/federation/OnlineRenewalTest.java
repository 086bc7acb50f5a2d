package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.cix.core.audit.AuditEntry;


import org.cix.core.error.CixException;
import org.cix.core.link.LinkState;
import org.cix.core.node.NodeServices;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.CertificateRenewal;
import org.cix.crypto.pki.Fingerprints;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.link.LinkChannels;
import org.cix.federation.link.LinkDirection;
import org.cix.federation.link.LinkProtos;
import org.cix.federation.link.LinkStatus;
import org.cix.federation.server.FederationNode;
import org.cix.federation.server.ServerLimits;
import org.cix.proto.v1.CertificatesGrpc;
import org.cix.proto.v1.CertificatesRenewed;
import org.cix.proto.v1.RenewRequest;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renewal over the link (issue 20): a running district asks its city for certificates of new keys
 * while it ingests; it switches without a restart, its links shake hands again with the new
 * certificate, nothing is lost, what it sealed before and after restricts at the national node.
 */
@Timeout(180)
class OnlineRenewalTest {
  static final Fault RENEWED_ONLINE = new Fault(
      "a district's certificates renewed over its link to the city while it ingests (cix node renew)",
      "the city's CA issues for that district only and audits it; the district presents the new TLS certificate "
          + "at the next handshake without a restart, seals with the new key, writes both to its node directory; "
          + "every version reaches the national node and what either key sealed restricts there");
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final String DISTRICT = "110105";

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();

  @Test
  void aDistrictRenewsOverItsLink_whileItIngests_andLosesNothing() throws Exception {
    RENEWED_ONLINE.inflicted();
    TestPki pki = TestPki.create(dir.resolve("pki"));
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    NodeKeyMaterial bjKeys = city(pki);
    NodeKeyMaterial keys = pki.node(pki.caOf("bj"), "bj-chaoyang", DISTRICT);
    FederationNode cn = running.start(cnKeys, Optional.empty());
    FederationNode bj = running.start(bjKeys, Optional.of(cn));
    FederationNode chaoyang = running.start(keys, Optional.of(bj));
    NodeServices district = TestNodes.services(keys);
    NodeServices national = TestNodes.services(cnKeys);
    TestExports.listings(district, 1, DISTRICT, 1, 1);
    String before = TestExports.first(district, "serious-dishonesty").subjectId();
    await().atMost(BOUND).until(() -> TestNodes.restricted(national, before));
    X509Certificate oldTls = keys.tlsChain().get(0);
    X509Certificate oldSeal = keys.sealChain().get(0);
    assertThat(presented(chaoyang.federationPort())).isEqualTo(oldTls);
    int connectsBefore = upLink(chaoyang).connects();

    AtomicInteger batches = new AtomicInteger();
    CompletableFuture<Void> ingesting = CompletableFuture.runAsync(() -> {
      for (int seed = 1; seed <= 8; seed++) {
        TestExports.penalties(district, seed, DISTRICT, 40);
        batches.incrementAndGet();
      }
    });
    await().atMost(BOUND).until(() -> batches.get() >= 2);
    CertificatesRenewed renewed;
    try (AdminClient admin = new AdminClient(chaoyang.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(60))) {
      renewed = admin.trust().renewCertificates();
    }
    ingesting.get();
    TestExports.listings(district, 2, DISTRICT, 1, 1);

    // the new pairs are in force, written to the node directory, the old certificates kept aside
    X509Certificate newTls = keys.tlsChain().get(0);
    assertThat(newTls.getSerialNumber()).isNotEqualTo(oldTls.getSerialNumber());
    assertThat(keys.sealChain().get(0).getPublicKey()).isNotEqualTo(oldSeal.getPublicKey());
    assertThat(renewed.getTlsFingerprint()).isEqualTo(Fingerprints.sha256(newTls));
    assertThat(renewed.getIssuedBy()).isEqualTo("bj");
    NodeKeyMaterial reloaded = NodeKeyMaterial.load(keys.directory().orElseThrow(), Clock.systemUTC());
    assertThat(reloaded.tlsChain().get(0)).isEqualTo(newTls);
    assertThat(reloaded.sealChain().get(0)).isEqualTo(keys.sealChain().get(0));
    assertThat(renewed.getSupersededList()).hasSize(2).allSatisfy(file -> assertThat(Path.of(file)).exists());
    assertThat(Files.readString(Path.of(renewed.getSuperseded(1)))).contains("BEGIN CERTIFICATE");
    // the city audited what it issued, for whom
    assertThat(TestNodes.services(bjKeys).audit().after(0, 1000)).map(AuditEntry::event)
        .anySatisfy(e -> {
          assertThat(e.action()).isEqualTo("certificate.renew");
          assertThat(e.actor()).isEqualTo("bj-chaoyang");
          assertThat(e.detail()).contains(renewed.getSealFingerprint());
        });

    // the link shook hands again, the server presents the new certificate, nothing restarted
    await().atMost(BOUND).until(() -> upLink(chaoyang).connects() > connectsBefore);
    assertThat(presented(chaoyang.federationPort())).isEqualTo(newTls);

    // every version the district holds of its own reached the national node, sealed by either key
    long own = ofOrigin(district, "bj-chaoyang");
    assertThat(own).as("8 x 40 penalties, 2 listings, registrations").isGreaterThanOrEqualTo(322);
    await().atMost(BOUND).until(() -> ofOrigin(national, "bj-chaoyang") == own);
    String after = district.exchange().changesOfTypes(0, district.exchange().head(), List.of("serious-dishonesty"),
        10).get(1).subjectId();
    await().atMost(BOUND).until(() -> TestNodes.restricted(national, after));
    assertThat(TestNodes.restricted(national, before)).as("the listing sealed with the replaced key").isTrue();
    assertThat(national.profiles().profile(after).entries()).isNotEmpty()
        .allSatisfy(e -> assertThat(e.sealCheck()).isEqualTo("verified"));
  }

  @Test
  void aDistrictDueForRenewal_renewsByItself_andTheNationalNodeRefusesWithoutACaOnline() {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    NodeKeyMaterial cnKeys = NodeKeyMaterial.enrol(pki.root(), "cn", "", false, TestPki.VALIDITY, pki.dirOf("cn"),
        pki.clock(), staging -> { });
    NodeKeyMaterial bjKeys = city(pki);
    NodeKeyMaterial keys = pki.node(pki.caOf("bj"), "bj-chaoyang", DISTRICT);
    X509Certificate oldTls = keys.tlsChain().get(0);
    FederationNode cn = running.start(cnKeys, Optional.empty());
    FederationNode bj = running.start(bjKeys, Optional.of(cn));
    // the test PKI's certificates end in 30 days: within a 31-day window the node renews at start
    running.add(FederationNode.start(keys, TestNodes.TOKEN, TestNodes.services(keys),
        TestNodes.settings(0, Optional.of(TestNodes.parentTarget(bj)), List.of()).renewingBefore(Duration.ofDays(31)),
        Clock.systemUTC()));
    await().atMost(BOUND).until(() -> !keys.tlsChain().get(0).equals(oldTls));
    assertThat(keys.tlsChain().get(0).getNotAfter()).isAfter(oldTls.getNotAfter());

    try (AdminClient admin = new AdminClient(bj.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(30))) {
      assertThatThrownBy(() -> admin.trust().renewCertificates()).isInstanceOf(CixException.class)
          .hasMessageContaining("node cn keeps no CA online");
    }
    try (AdminClient admin = new AdminClient(cn.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(30))) {
      assertThatThrownBy(() -> admin.trust().renewCertificates()).isInstanceOf(CixException.class)
          .hasMessageContaining("node cn has no parent to renew with");
    }
  }

  @Test
  void aDistrictWhoseCityCaEndsFirst_doesNotAsk_andSaysWhatToRenewFirst() {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    NodeKeyMaterial keys = pki.node(pki.caOf("bj"), "bj-chaoyang", DISTRICT);
    FederationNode bj = running.start(bjKeys, Optional.empty());
    FederationNode chaoyang = running.start(keys, Optional.of(bj));
    X509Certificate before = keys.tlsChain().get(0);
    try (AdminClient admin = new AdminClient(chaoyang.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(30))) {
      assertThatThrownBy(() -> admin.trust().renewCertificates()).isInstanceOf(CixException.class)
          .hasMessageContaining("the CA of bj that issued this node ends at")
          .hasMessageContaining("bj renews its CA first");
    }
    assertThat(keys.tlsChain().get(0)).isEqualTo(before);
    assertThat(TestNodes.services(bjKeys).audit().after(0, 1000)).map(AuditEntry::event)
        .noneSatisfy(e -> assertThat(e.action()).isEqualTo("certificate.renew"));
  }

  @Test
  void certifiedNodesAskingForWhatIsNotTheirs_areRefused_andNothingIsIssued() {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    NodeKeyMaterial bjKeys = city(pki);
    NodeKeyMaterial chaoyang = pki.node(pki.caOf("bj"), "bj-chaoyang", DISTRICT);
    NodeKeyMaterial dongcheng = pki.node(pki.caOf("bj"), "bj-dongcheng", "110101");
    NodeKeyMaterial shanghai = pki.node("sh", "3101");
    NodeKeyMaterial pudong = pki.node(pki.caOf("sh"), "sh-pudong", "310115");
    FederationNode bj = running.start(bjKeys, Optional.empty());

    // a district of the city asks for certificates naming its sibling
    assertThat(renewAt(bj, chaoyang, CertificateRenewal.ask(dongcheng)))
        .hasMessageContaining("PERMISSION_DENIED")
        .hasMessageContaining("node bj-chaoyang asked to renew the certificates of node bj-dongcheng");
    // a district another city issued asks for its own
    assertThat(renewAt(bj, pudong, CertificateRenewal.ask(pudong)))
        .hasMessageContaining("PERMISSION_DENIED").hasMessageContaining("not inside jurisdiction 1101");
    // a node above the city asks it
    assertThat(renewAt(bj, shanghai, CertificateRenewal.ask(shanghai)))
        .hasMessageContaining("PERMISSION_DENIED");
    assertThat(TestNodes.services(bjKeys).audit().after(0, 1000)).map(AuditEntry::event)
        .noneSatisfy(e -> assertThat(e.action()).isEqualTo("certificate.renew"));
  }

  /** Calls {@code at}'s Renew as {@code caller} (its real certificate) with {@code asking}'s requests. */
  private static StatusRuntimeException renewAt(FederationNode at, NodeKeyMaterial caller,
      CertificateRenewal.Asking asking) {
    ManagedChannel channel = LinkChannels.open(caller, TestNodes.parentTarget(at), ServerLimits.defaults(),
        Clock.systemUTC(), new AtomicReference<>());
    try {
      CertificatesGrpc.CertificatesBlockingStub stub = CertificatesGrpc.newBlockingStub(channel)
          .withDeadlineAfter(30, TimeUnit.SECONDS);
      RenewRequest request = RenewRequest.newBuilder().addAllRequests(LinkProtos.byteStrings(asking.requests()))
          .build();
      return catchThrowableOfType(() -> stub.renew(request), StatusRuntimeException.class);
    } finally {
      channel.shutdownNow();
    }
  }

  /** The city, its CA valid for longer than the districts it issues (what renewal can extend them to). */
  private static NodeKeyMaterial city(TestPki pki) {
    return NodeKeyMaterial.enrol(pki.root(), "bj", "1101", true, Duration.ofDays(300), pki.dirOf("bj"), pki.clock(),
        staging -> { });
  }

  private static LinkStatus upLink(FederationNode node) {
    return node.links().find(LinkDirection.OUTBOUND, "bj").filter(s -> s.state() == LinkState.UP)
        .orElseThrow(() -> new AssertionError("the link to bj is not up"));
  }

  private static long ofOrigin(NodeServices node, String origin) {
    return node.exchange().changesAfter(0, 100_000).stream().filter(v -> v.originNode().equals(origin)).count();
  }


  /** The certificate a node's federation port presents now (the handshake need not complete). */
  private static X509Certificate presented(int port) throws Exception {
    AtomicReference<X509Certificate> seen = new AtomicReference<>();
    X509TrustManager recorder = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
        seen.set(chain[0]);
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(null, new TrustManager[] {recorder}, null);
    try (Socket plain = new Socket("127.0.0.1", port);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
    } catch (java.io.IOException refusedWithoutClientCertificate) {
      // the server asks for a client certificate; its own came first
    }
    return Optional.ofNullable(seen.get()).orElseThrow(() -> new AssertionError("no certificate presented"));
  }
}
