package org.cix.crypto.pki;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Optional;
import org.cix.crypto.keys.KeyAlgorithm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainValidatorTest {
  static final Fault BAD_CHAIN = new Fault(
      "a certificate chain issued outside the issuer's jurisdiction, wider than its issuer, "
          + "expired, under a foreign root, a sealing certificate used for TLS, another node than "
          + "expected, a node id outside the issuing CA's namespace (a city CA minting 'sh' or 'cn')",
      "refused with the reason");
  @TempDir Path dir;
  private TestPki pki;
  private ChainValidator validator;

  @BeforeEach
  void setUp() {
    pki = TestPki.create(dir);
    validator = new ChainValidator(pki.root().root(), pki.clock());
  }

  @Test
  void validate_districtIssuedByCity_returnsDistrictIdentity() throws Exception {
    pki.node("bj", "1101");
    NodeKeyMaterial district = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");

    CertIdentity identity = validator.validate(district.tlsChain(), CertificateProfile.TLS);

    assertThat(identity).isEqualTo(new CertIdentity(Optional.of("bj-chaoyang"), "110105"));
    assertThat(district.tlsChain()).hasSize(2);
  }

  @Test
  void issue_outsideOwnJurisdiction_isRefusedByTheCa() {
    pki.node("bj", "1101");
    CertificateAuthority city = pki.caOf("bj");

    assertThatThrownBy(() -> city.issue(CertificateProfile.TLS, "tj-heping", "120101",
            KeyAlgorithm.EC_P256.generate(new java.security.SecureRandom()).getPublic(), TestPki.VALIDITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1101 cannot issue for jurisdiction 120101");
  }

  @Test
  void validate_certificateIssuedOutsideIssuersJurisdiction_isRefused() {
    BAD_CHAIN.inflicted();
    pki.node("bj", "1101");
    NodeKeyMaterial rogue = pki.outsideJurisdiction(pki.caOf("bj"), "tj-heping", "120101");

    assertThatThrownBy(() -> validator.validate(rogue.tlsChain(), CertificateProfile.TLS))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("lies outside its issuer's jurisdiction 1101");
  }

  @Test
  void validate_widerJurisdictionThanIssuer_isRefused() {
    BAD_CHAIN.inflicted();
    pki.node("bj", "1101");
    NodeKeyMaterial rogue = pki.outsideJurisdiction(pki.caOf("bj"), "beijing", "11");

    assertThatThrownBy(() -> validator.validate(rogue.tlsChain(), CertificateProfile.TLS))
        .hasMessageContaining("outside its issuer's jurisdiction");
  }

  @Test
  void issue_nodeIdOutsideTheCityNamespace_isRefusedByTheCa() {
    pki.node("bj", "1101");
    CertificateAuthority city = pki.caOf("bj");

    for (String id : List.of("sh", "cn", "bj", "bjx-chaoyang", "bj-")) {
      assertThatThrownBy(() -> city.issue(CertificateProfile.TLS, id, "110105",
              KeyAlgorithm.EC_P256.generate(new java.security.SecureRandom()).getPublic(), TestPki.VALIDITY))
          .as(id)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("outside the namespace of CA bj, which issues only ids bj-<name>");
    }
  }

  @Test
  void validate_cityMintsAnotherCitysOrTheNationalId_isRefused() {
    BAD_CHAIN.inflicted();
    pki.node("bj", "1101");
    NodeKeyMaterial fakeShanghai = pki.outsideJurisdiction(pki.caOf("bj"), "sh", "1101");
    NodeKeyMaterial fakeNational = pki.outsideJurisdiction(pki.caOf("bj"), "cn", "110105");

    assertThatThrownBy(() -> validator.validate(fakeShanghai.tlsChain(), CertificateProfile.TLS))
        .hasMessageContaining("node id 'sh' is outside the namespace of CA bj");
    assertThatThrownBy(() -> validator.validate(fakeNational.sealChain(), CertificateProfile.SEAL))
        .hasMessageContaining("node id 'cn' is outside the namespace of CA bj");
  }

  @Test
  void validate_nationalNodesCaNamesCitiesFreely() throws Exception {
    pki.node("cn", "");
    pki.node(pki.caOf("cn"), "bj", "1101");
    NodeKeyMaterial district = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");

    assertThat(validator.validate(district.tlsChain(), CertificateProfile.TLS).nodeId()).contains("bj-chaoyang");
  }

  @Test
  void validate_expiredCertificate_isRefused() {
    BAD_CHAIN.inflicted();
    NodeKeyMaterial expired = pki.expiredNode(pki.root(), "sh", "3101");

    assertThatThrownBy(() -> validator.validate(expired.tlsChain(), CertificateProfile.TLS))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void validate_foreignRoot_isRefused() {
    BAD_CHAIN.inflicted();
    NodeKeyMaterial foreign = TestPki.foreignNode("bj", "1101");

    assertThatThrownBy(() -> validator.validate(foreign.tlsChain(), CertificateProfile.TLS))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("not issued under the national root");
  }

  @Test
  void validate_sealCertificateUsedForTls_isRefused() {
    BAD_CHAIN.inflicted();
    NodeKeyMaterial node = pki.node("bj-dongcheng", "110101");

    assertThatThrownBy(() -> validator.validate(node.sealChain(), CertificateProfile.TLS))
        .hasMessageContaining("not a cix TLS certificate");
    assertThatThrownBy(() -> validator.validate(node.tlsChain(), CertificateProfile.SEAL))
        .hasMessageContaining("not a cix sealing certificate");
  }

  @Test
  void trustManager_forClient_refusesAnotherNode() throws Exception {
    BAD_CHAIN.inflicted();
    NodeKeyMaterial node = pki.node("bj-dongcheng", "110101");
    var chain = node.tlsChain().toArray(java.security.cert.X509Certificate[]::new);

    NodeTrustManager.forClient(validator, "bj-dongcheng").checkServerTrusted(chain, "ECDHE_ECDSA");
    assertThatThrownBy(() -> NodeTrustManager.forClient(validator, "bj-xicheng").checkServerTrusted(chain, "ECDHE_ECDSA"))
        .hasMessageContaining("expected node bj-xicheng but the server is node bj-dongcheng");
  }
}
