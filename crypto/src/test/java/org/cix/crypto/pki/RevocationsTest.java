package org.cix.crypto.pki;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationsTest {
  static final Fault BAD_LIST = new Fault(
      "a revocation list signed by another CA, altered after signing, or older than the one "
          + "held",
      "refused (or ignored when older); nothing revoked");
  @TempDir Path dir;
  private TestPki pki;
  private Revocations revocations;
  private ChainValidator validator;
  private CertificateAuthority city;
  private NodeKeyMaterial chaoyang;
  private NodeKeyMaterial haidian;

  @BeforeEach
  void setUp() {
    pki = TestPki.create(dir);
    revocations = new Revocations();
    validator = new ChainValidator(List.of(pki.root().root()), pki.clock(), revocations);
    pki.node("bj", "1101");
    city = pki.caOf("bj");
    chaoyang = pki.node(city, "bj-chaoyang", "110105");
    haidian = pki.node(city, "bj-haidian", "110108");
  }

  @Test
  void aListOfTheIssuingCa_refusesTheNamedCertificateOnly() throws Exception {
    X509CRL crl = city.revoke(Optional.empty(), chaoyang.tlsChain().get(0), CRLReason.keyCompromise);

    assertThat(revocations.accept(crl, city.chain(), validator)).isTrue();

    assertThatThrownBy(() -> validator.validate(chaoyang.tlsChain(), CertificateProfile.TLS))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("certificate revoked")
        .hasMessageContaining("key-compromise");
    assertThat(validator.validate(chaoyang.sealChain(), CertificateProfile.SEAL).nodeId()).contains("bj-chaoyang");
    assertThat(validator.validate(haidian.tlsChain(), CertificateProfile.TLS).nodeId()).contains("bj-haidian");
  }

  @Test
  void aSupersededKey_stillProvesWhatExistedBeforeItsRevocation_aCompromisedOne_nothingFromTheCompromise()
      throws Exception {
    Instant now = pki.clock().instant();
    X509CRL superseded = city.revoke(Optional.empty(), chaoyang.sealChain().get(0), CRLReason.superseded);
    X509CRL compromised = city.revoke(Optional.of(superseded), haidian.sealChain().get(0), CRLReason.keyCompromise,
        Optional.of(now.minusSeconds(30)));
    assertThat(revocations.accept(compromised, city.chain(), validator)).isTrue();

    assertThat(validator.validateAt(chaoyang.sealChain(), CertificateProfile.SEAL, now.minusSeconds(20)).nodeId())
        .as("a seal proven before the key was superseded").contains("bj-chaoyang");
    assertThatThrownBy(() -> validator.validateAt(chaoyang.sealChain(), CertificateProfile.SEAL, now.plusSeconds(3)))
        .hasMessageContaining("superseded");
    assertThatThrownBy(() -> validator.validate(chaoyang.sealChain(), CertificateProfile.SEAL))
        .as("as of now").hasMessageContaining("certificate revoked");
    assertThatThrownBy(() -> validator.validateAt(haidian.sealChain(), CertificateProfile.SEAL, now.minusSeconds(20)))
        .as("after the compromise, before the revocation").hasMessageContaining("compromised since");
    assertThat(validator.validateAt(haidian.sealChain(), CertificateProfile.SEAL, now.minusSeconds(40)).nodeId())
        .as("before the compromise").contains("bj-haidian");
    NodeKeyMaterial dongcheng = pki.node(city, "bj-dongcheng", "110101");
    Instant end = dongcheng.sealChain().get(0).getNotAfter().toInstant();
    assertThat(validator.validateAt(dongcheng.sealChain(), CertificateProfile.SEAL, end.minusSeconds(1)).nodeId())
        .as("a seal proven while its certificate was valid").contains("bj-dongcheng");
    assertThatThrownBy(() -> validator.validateAt(dongcheng.sealChain(), CertificateProfile.SEAL, end.plusSeconds(1)))
        .hasMessageContaining("expired");
  }

  @Test
  void aListPastItsNextUpdate_isOverdue_andStillApplies() throws Exception {
    X509CRL crl = city.revoke(Optional.empty(), chaoyang.tlsChain().get(0), CRLReason.superseded);
    assertThat(revocations.accept(crl, city.chain(), validator)).isTrue();
    Revocations.Held held = revocations.held().get(0);
    Instant due = held.nextUpdate().orElseThrow();

    assertThat(held.overdueAt(due.minusSeconds(1))).isFalse();
    assertThat(held.overdueAt(due.plusSeconds(1))).isTrue();
    assertThatThrownBy(() -> validator.validateAt(chaoyang.tlsChain(), CertificateProfile.TLS, pki.clock().instant()
        .plusSeconds(5))).as("an overdue list is not forgotten").hasMessageContaining("certificate revoked");

    X509CRL again = city.reissue(Optional.of(crl));
    assertThat(revocations.accept(again, city.chain(), validator)).as("a newer list").isTrue();
    assertThat(revocations.held()).singleElement().satisfies(h -> {
      assertThat(h.number()).isEqualTo(held.number().add(java.math.BigInteger.ONE));
      assertThat(h.size()).as("the same entries").isEqualTo(1);
      assertThat(h.nextUpdate().orElseThrow()).isAfterOrEqualTo(due);
    });
  }

  @Test
  void aRevokedCa_takesEverythingItIssuedWithIt() throws Exception {
    X509CRL crl = pki.root().revoke(Optional.empty(), city.certificate(), CRLReason.cACompromise);

    revocations.accept(crl, List.of(pki.root().root()), validator);

    assertThatThrownBy(() -> validator.validate(haidian.tlsChain(), CertificateProfile.TLS))
        .hasMessageContaining("certificate revoked");
  }

  @Test
  void theNextListKeepsEarlierEntries_andAnOlderListIsIgnored() throws Exception {
    BAD_LIST.inflicted();
    X509CRL first = city.revoke(Optional.empty(), chaoyang.tlsChain().get(0), CRLReason.keyCompromise);
    X509CRL second = city.revoke(Optional.of(first), haidian.tlsChain().get(0), CRLReason.superseded);
    revocations.accept(second, city.chain(), validator);

    boolean tookOlder = revocations.accept(first, city.chain(), validator);

    assertThat(tookOlder).isFalse();
    assertThat(Revocations.number(second)).isEqualTo(2);
    assertThat(revocations.held()).singleElement().satisfies(h -> assertThat(h.size()).isEqualTo(2));
    assertThatThrownBy(() -> validator.validate(haidian.tlsChain(), CertificateProfile.TLS))
        .hasMessageContaining("superseded");
    assertThatThrownBy(() -> validator.validate(chaoyang.tlsChain(), CertificateProfile.TLS))
        .hasMessageContaining("key-compromise");
  }

  @Test
  void aListSignedByAnotherCa_orAlteredAfterSigning_isRefused() throws Exception {
    BAD_LIST.inflicted();
    X509CRL crl = city.revoke(Optional.empty(), chaoyang.tlsChain().get(0), CRLReason.keyCompromise);
    pki.node("sh", "3101");
    CertificateAuthority other = pki.caOf("sh");

    assertThatThrownBy(() -> revocations.accept(crl, other.chain(), validator))
        .hasMessageContaining("names issuer");
    byte[] bytes = crl.getEncoded();
    bytes[bytes.length - 5] ^= 1;
    X509CRL altered = (X509CRL) CertificateFactory.getInstance("X.509")
        .generateCRL(new ByteArrayInputStream(bytes));
    assertThatThrownBy(() -> revocations.accept(altered, city.chain(), validator))
        .hasMessageContaining("signature does not verify");
    assertThat(revocations.held()).isEmpty();
    assertThat(validator.validate(chaoyang.tlsChain(), CertificateProfile.TLS).nodeId()).contains("bj-chaoyang");
  }

  @Test
  void aCaMayRevokeOnlyWhatItIssued() {
    assertThatThrownBy(() -> pki.root().revoke(Optional.empty(), chaoyang.tlsChain().get(0), CRLReason.keyCompromise))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not by this CA");
  }

  @Test
  void listenersHearOfEveryChange() throws Exception {
    int[] heard = {0};
    revocations.onChange(() -> heard[0]++);
    X509CRL crl = city.revoke(Optional.empty(), chaoyang.tlsChain().get(0), CRLReason.keyCompromise);

    revocations.accept(crl, city.chain(), validator);
    revocations.accept(crl, city.chain(), validator);

    assertThat(heard[0]).isEqualTo(1);
  }
}
