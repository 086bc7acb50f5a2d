package org.cix.federation;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;
import org.cix.core.node.NodeServices;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.crypto.pki.CertificateProfile;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.link.LinkDirection;
import org.cix.core.link.LinkState;
import org.cix.federation.link.LinkStatus;
import org.cix.federation.server.FederationNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A city revokes one of its districts' TLS certificate: the list reaches every node (up to the
 * national node, down to the other district), the revoked district is cut off at once though its
 * connection was already up, stays cut off, and nothing it sends arrives any more; the honest
 * district shakes hands again and keeps syncing. The list is kept: a restarted node applies it.
 */
@Timeout(120)
class RevocationTreeTest {
  static final Fault BAD_LIST = new Fault(
      "a revocation list signed by another CA, altered after signing, or older than the one "
          + "held",
      "refused (or ignored when older); nothing revoked");
  static final Fault REVOKED = new Fault(
      "a certificate revoked by its CA while its node is connected (the revocation list "
          + "published at the city)",
      "the list reaches every node; the open stream is closed and every later call over the "
          + "same connection refused (UNAUTHENTICATED: certificate revoked), new handshakes refused; "
          + "nothing the node sends arrives; the other district reconnects and syncs; a restarted "
          + "node applies the stored list");
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();

  private static LinkState state(FederationNode node, LinkDirection direction, String peer) {
    return node.links().find(direction, peer).map(LinkStatus::state).orElse(null);
  }

  @Test
  void aRevokedDistrict_isCutOffEverywhere_andTheListReachesEveryNode() throws Exception {
    REVOKED.inflicted();
    TestPki pki = TestPki.create(dir);
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    NodeKeyMaterial chaoyangKeys = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    NodeKeyMaterial haidianKeys = pki.node(pki.caOf("bj"), "bj-haidian", "110108");
    FederationNode national = running.start(cnKeys, Optional.empty());
    FederationNode city = running.start(bjKeys, Optional.of(national));
    FederationNode chaoyang = running.start(chaoyangKeys, Optional.of(city));
    FederationNode haidian = running.start(haidianKeys, Optional.of(city));
    await().atMost(BOUND).untilAsserted(() -> {
      assertThat(state(city, LinkDirection.INBOUND, "bj-chaoyang")).isEqualTo(LinkState.UP);
      assertThat(state(city, LinkDirection.INBOUND, "bj-haidian")).isEqualTo(LinkState.UP);
      assertThat(state(national, LinkDirection.INBOUND, "bj")).isEqualTo(LinkState.UP);
    });

    CertificateAuthority cityCa = pki.caOf("bj");
    X509CRL crl = cityCa.revoke(Optional.empty(), chaoyangKeys.tlsChain().get(0), CRLReason.keyCompromise);
    var published = TestNodes.services(bjKeys).revocations().publish(crl, cityCa.chain());
    assertThat(published.revoked()).isEqualTo(1);

    await().atMost(BOUND).untilAsserted(() -> {
      assertThat(state(city, LinkDirection.INBOUND, "bj-chaoyang")).isNotEqualTo(LinkState.UP);
      assertThat(state(chaoyang, LinkDirection.OUTBOUND, "bj")).isNotEqualTo(LinkState.UP);
      assertThat(cnKeys.revocations().held()).as("up to the national node").hasSize(1);
      assertThat(haidianKeys.revocations().held()).as("down to the other district").hasSize(1);
      assertThat(state(haidian, LinkDirection.OUTBOUND, "bj")).isEqualTo(LinkState.UP);
      assertThat(state(city, LinkDirection.INBOUND, "bj-haidian")).isEqualTo(LinkState.UP);
    });
    assertThatThrownBy(() -> cnKeys.validator(Clock.systemUTC())
        .validate(chaoyangKeys.tlsChain(), CertificateProfile.TLS)).hasMessageContaining("revoked");

    TestExports.penalties(TestNodes.services(chaoyangKeys), 71, "110105", 20);
    TestExports.penalties(TestNodes.services(haidianKeys), 72, "110108", 20);
    // and the registration of their department
    await().atMost(BOUND).until(() -> originVersions(TestNodes.services(bjKeys), "bj-haidian") == 21);
    assertThat(originVersions(TestNodes.services(bjKeys), "bj-chaoyang")).as("nothing from the revoked node").isZero();
    assertThat(state(chaoyang, LinkDirection.OUTBOUND, "bj")).isNotEqualTo(LinkState.UP);

    NodeKeyMaterial restartedKeys = NodeKeyMaterial.load(pki.dirOf("bj"), Clock.systemUTC());
    NodeServices restarted = NodeServices.assemble(TestNodes.CATALOG, TestNodes.MEASURES, restartedKeys,
        TestNodes.jdbc(TestNodes.services(bjKeys)).node(), PilotAllowlist.empty(), Clock.systemUTC());
    assertThat(restarted.revocations().follow()).as("the list kept in the store, applied at start").isEqualTo(1);
    assertThatThrownBy(() -> restartedKeys.validator(Clock.systemUTC())
        .validate(chaoyangKeys.tlsChain(), CertificateProfile.TLS)).hasMessageContaining("key-compromise");
  }

  @Test
  void aListThatDoesNotVerify_isRefusedAtPublishing() throws Exception {
    BAD_LIST.inflicted();
    TestPki pki = TestPki.create(dir);
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    NodeKeyMaterial shKeys = pki.node("sh", "3101");
    NodeKeyMaterial chaoyangKeys = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    X509CRL crl = pki.caOf("bj").revoke(Optional.empty(), chaoyangKeys.tlsChain().get(0), CRLReason.keyCompromise);

    assertThatThrownBy(() -> TestNodes.services(shKeys).revocations().publish(crl, pki.caOf("sh").chain()))
        .hasMessageContaining("revocation list refused");
    assertThat(shKeys.revocations().held()).isEmpty();
    assertThat(TestNodes.services(shKeys).exchange().head()).isZero();
    assertThat(bjKeys.revocations().held()).isEmpty();
  }

  private static long originVersions(NodeServices node, String origin) {
    return node.exchange().versionsByOrigin().getOrDefault(origin, Map.of()).values().stream()
        .mapToLong(Long::longValue).sum();
  }
}
