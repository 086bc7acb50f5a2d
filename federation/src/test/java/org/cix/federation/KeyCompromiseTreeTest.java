package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;


import org.cix.core.node.NodeServices;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.server.FederationNode;
import org.cix.proto.v1.Resealed;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A district's sealing key compromised, handled as the operator guide's runbook says (issue 20):
 * the district renews its keys over its link, its city revokes the old sealing certificate for key
 * compromise since the time it was stolen and publishes the list, the district reseals what it
 * sealed since then. What it sealed before keeps restricting throughout; what it sealed after
 * stops counting at the national node until it is resealed under the new key.
 */
@Timeout(120)
class KeyCompromiseTreeTest {
  static final Fault COMPROMISED_KEY = new Fault(
      "a district's sealing key compromised while the tree runs: renewed, revoked for key compromise since a time "
          + "between two of its listings, the list published, its records since then resealed (cix record reseal)",
      "the earlier listing restricts throughout; the later one restricts nothing at the national node once the "
          + "list arrives, and again once resealed under the new key (seal verified); a second reseal does nothing");
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String DISTRICT = "110105";

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();

  @Test
  void aCompromisedKey_provesNothingFromTheCompromiseOn_untilItsRecordsAreResealed() throws Exception {
    COMPROMISED_KEY.inflicted();
    TestPki pki = TestPki.create(dir.resolve("pki"));
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    NodeKeyMaterial keys = pki.node(pki.caOf("bj"), "bj-chaoyang", DISTRICT);
    FederationNode cn = running.start(cnKeys, Optional.empty());
    FederationNode bj = running.start(bjKeys, Optional.of(cn));
    FederationNode chaoyang = running.start(keys, Optional.of(bj));
    NodeServices district = TestNodes.services(keys);
    NodeServices national = TestNodes.services(cnKeys);
    TestExports.listings(district, 1, DISTRICT, 1, 1);
    String before = TestExports.first(district, "serious-dishonesty").subjectId();
    await().atMost(BOUND).until(() -> TestNodes.restricted(national, before));
    // a revocation list states the compromise time to the second (RFC 5280 GeneralizedTime): the
    // key is stolen at the next full second, once the first listing has arrived everywhere
    Instant stolen = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    await().atMost(Duration.ofSeconds(2)).until(() -> !Instant.now().isBefore(stolen));
    TestExports.listings(district, 2, DISTRICT, 1, 1);
    String after = district.exchange().changesOfTypes(0, district.exchange().head(), List.of("serious-dishonesty"),
        10).get(1).subjectId();
    await().atMost(BOUND).until(() -> TestNodes.restricted(national, after));
    X509Certificate compromised = keys.sealChain().get(0);

    // 1. new keys for the district over its link
    try (AdminClient admin = new AdminClient(chaoyang.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(60))) {
      admin.trust().renewCertificates(true);
    }
    // 2. the city revokes the old sealing certificate for key compromise since then, and publishes the list
    CertificateAuthority city = pki.caOf("bj");
    X509CRL crl = city.revoke(Optional.empty(), compromised, CRLReason.keyCompromise, Optional.of(stolen));
    TestNodes.services(bjKeys).revocations().publish(crl, city.chain());
    await().atMost(BOUND).until(() -> cnKeys.revocations().held().size() == 1);
    assertThat(TestNodes.restricted(national, after)).as("sealed after the compromise").isFalse();
    assertThat(national.profiles().profile(after).entries()).anySatisfy(e ->
        assertThat(e.sealCheck()).contains("compromised since"));
    assertThat(national.profiles().profile(before).entries()).as("sealed before the compromise")
        .allSatisfy(e -> assertThat(e.sealCheck()).isEqualTo("verified"));
    assertThat(TestNodes.restricted(national, before)).as("sealed before the compromise").isTrue();

    // 3. the district reseals what it sealed since then under its new key
    Resealed resealed;
    Resealed again;
    try (AdminClient admin = new AdminClient(chaoyang.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(60))) {
      resealed = admin.trust().reseal(Optional.of(stolen), "operator");
      again = admin.trust().reseal(Optional.of(stolen), "operator");
    }
    assertThat(resealed.getResealed()).as("the later listing").isGreaterThanOrEqualTo(1);
    assertThat(resealed.getResealed()).isLessThan(resealed.getExamined());
    assertThat(again.getResealed()).isZero();
    await().atMost(BOUND).until(() -> TestNodes.restricted(national, after));
    assertThat(national.profiles().profile(after).entries())
        .filteredOn(e -> e.stored().version().body().getType().equals("serious-dishonesty")).singleElement()
        .satisfies(e -> assertThat(e.sealCheck()).isEqualTo("verified"));
    assertThat(district.audit().after(0, 1000)).anySatisfy(e -> {
      assertThat(e.event().action()).isEqualTo("record.reseal");
      assertThat(e.event().actor()).isEqualTo("operator");
    });
  }
}
