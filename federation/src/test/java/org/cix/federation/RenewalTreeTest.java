package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;


import org.cix.core.node.NodeServices;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.crypto.pki.EnrolmentRequest;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.server.FederationNode;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A district renews its keys as the runbook says (issue 20): a request for new certificates
 * signed by its city's CA, the node restarted on its data with them, the old certificates
 * revoked as superseded. What it listed before keeps restricting at the national node; what it
 * lists after is sealed with the new key and restricts too.
 */
@Timeout(120)
class RenewalTreeTest {
  static final Fault RENEWED_KEYS = new Fault(
      "a district's keys renewed by request, the node restarted on its data with them, its old certificates "
          + "revoked as superseded and the list published",
      "its earlier listing still restricts at the national node (seal verified as of when it was stored), its "
          + "new one too; the link comes back with the new certificate");
  private static final Duration BOUND = Duration.ofSeconds(30);

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();

  @Test
  void aRenewedDistrict_keepsItsHistoryEverywhere_andGoesOnWithItsNewKey() {
    RENEWED_KEYS.inflicted();
    TestPki pki = TestPki.create(dir.resolve("pki"));
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    NodeKeyMaterial oldKeys = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    FederationNode cn = running.start(cnKeys, Optional.empty());
    FederationNode bj = running.start(bjKeys, Optional.of(cn));
    FederationNode chaoyang = running.start(oldKeys, Optional.of(bj));
    NodeServices national = TestNodes.services(cnKeys);
    TestExports.listings(TestNodes.services(oldKeys), 1, "110105", 1, 1);
    String before = TestExports.first(TestNodes.services(oldKeys), "serious-dishonesty").subjectId();
    await().atMost(BOUND).until(() -> TestNodes.restricted(national, before));

    // renewal: the district asks, its city's CA answers, the district accepts
    CertificateAuthority city = pki.caOf("bj");
    Path renewedDir = dir.resolve("bj-chaoyang-2027");
    EnrolmentRequest.create("bj-chaoyang", "110105", false, renewedDir, staging -> { });
    EnrolmentRequest.answer(city, EnrolmentRequest.read(renewedDir.resolve(EnrolmentRequest.FILE)),
        Duration.ofDays(365), dir.resolve("answer"));
    NodeKeyMaterial newKeys = EnrolmentRequest.accept(dir.resolve("answer"), renewedDir, Clock.systemUTC());
    running.stop(chaoyang);
    NodeServices renewed = TestNodes.renewed(oldKeys, newKeys);
    running.start(newKeys, Optional.of(bj));
    X509CRL superseded = city.revoke(Optional.empty(), oldKeys.sealChain().get(0), CRLReason.superseded);
    superseded = city.revoke(Optional.of(superseded), oldKeys.tlsChain().get(0), CRLReason.superseded);
    TestNodes.services(bjKeys).revocations().publish(superseded, city.chain());
    await().atMost(BOUND).until(() -> cnKeys.revocations().held().size() == 1);

    TestExports.listings(renewed, 2, "110105", 1, 1);
    String after = renewed.exchange().changesOfTypes(0, renewed.exchange().head(), java.util.List.of(
        "serious-dishonesty"), 10).get(1).subjectId();
    await().atMost(BOUND).until(() -> TestNodes.restricted(national, after));
    assertThat(national.profiles().profile(before).entries())
        .filteredOn(e -> e.stored().version().body().getType().equals("serious-dishonesty")).singleElement()
        .satisfies(e -> assertThat(e.sealCheck()).isEqualTo("verified"));
    assertThat(TestNodes.restricted(national, before)).as("the listing sealed with the superseded key").isTrue();
  }
}
