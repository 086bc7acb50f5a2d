package org.cix.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cix.crypto.pem.KeyMaterialException;
import org.cix.crypto.pem.PemFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renewal over the link, the parts without a network: what a parent issues, what a node puts in force. */
class CertificateRenewalTest {
  @TempDir Path dir;
  TestPki pki;
  CertificateAuthority city;
  NodeKeyMaterial district;

  @BeforeEach
  void pki() {
    pki = TestPki.create(dir);
    pki.node("bj", "1101");
    city = pki.caOf("bj");
    district = pki.node(city, "bj-chaoyang", "110105");
  }

  private static CertIdentity caller(String nodeId, String jurisdiction) {
    return new CertIdentity(Optional.of(nodeId), jurisdiction);
  }

  @Test
  void theParentIssuesForTheCallingNodeOnly() {
    CertificateRenewal.Asking asking = CertificateRenewal.ask(district);
    assertThatThrownBy(() -> CertificateRenewal.answer(city, asking.requests(), caller("bj-dongcheng", "110101"),
        Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node bj-dongcheng asked to renew the certificates of node bj-chaoyang");
    assertThatThrownBy(() -> CertificateRenewal.answer(city, List.of(asking.requests().get(0), new byte[] {1, 2}),
        caller("bj-chaoyang", "110105"), Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("request 2 is not a PKCS#10 request");
    assertThatThrownBy(() -> CertificateRenewal.answer(city, List.of(asking.requests().get(0)),
        caller("bj-chaoyang", "110105"), Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class)
        .as("a TLS key alone asks for a front end's certificate, never over a link")
        .hasMessageContaining("renews the TLS and sealing certificates, both");
    CertificateRenewal.Issued issued = CertificateRenewal.answer(city, asking.requests(),
        caller("bj-chaoyang", "110105"), Duration.ofDays(30));
    assertThat(issued.tls().get(0).getPublicKey()).isEqualTo(asking.tls().getPublic());
    assertThat(issued.seal().get(0).getPublicKey()).isEqualTo(asking.seal().getPublic());
  }

  @Test
  void aRequestOutsideTheCasRulesIsRefused() {
    NodeKeyMaterial elsewhere = pki.node(pki.root(), "sh-pudong", "310115");
    CertificateRenewal.Asking asking = CertificateRenewal.ask(elsewhere);
    assertThatThrownBy(() -> CertificateRenewal.answer(city, asking.requests(), caller("sh-pudong", "310115"),
        Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot issue for jurisdiction");
  }

  @Test
  void theNodePutsTheNewPairsInForce_andKeepsTheOldCertificatesAside() {
    var oldSeal = district.sealChain().get(0);
    int[] heard = {0};
    district.onRenewal(() -> heard[0]++);
    CertificateRenewal.Asking asking = CertificateRenewal.ask(district);
    CertificateRenewal.install(district, asking, CertificateRenewal.answer(city, asking.requests(),
        caller("bj-chaoyang", "110105"), Duration.ofDays(60)), pki.clock());

    assertThat(heard[0]).isEqualTo(1);
    assertThat(district.sealKey()).isEqualTo(asking.seal().getPrivate());
    Path node = pki.dirOf("bj-chaoyang");
    assertThat(NodeKeyMaterial.load(node, pki.clock()).sealChain().get(0)).isEqualTo(district.sealChain().get(0));
    assertThat(NodeKeyMaterial.supersededFile(node, NodeKeyMaterial.SEAL_CERT, oldSeal)).exists();
    assertThat(node.resolve(NodeKeyMaterial.RENEWAL_DIR)).doesNotExist();
  }

  @Test
  void certificatesOfAnotherKey_areRefused_andNothingChanges() {
    var before = district.current();
    CertificateRenewal.Asking asking = CertificateRenewal.ask(district);
    CertificateRenewal.Issued issued = CertificateRenewal.answer(city, asking.requests(),
        caller("bj-chaoyang", "110105"), Duration.ofDays(60));
    CertificateRenewal.Asking other = CertificateRenewal.ask(district);
    assertThatThrownBy(() -> CertificateRenewal.install(district, other, issued, pki.clock()))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("does not match its certificate");
    assertThat(district.current()).isSameAs(before);
    assertThat(NodeKeyMaterial.load(pki.dirOf("bj-chaoyang"), pki.clock()).tlsChain())
        .isEqualTo(before.tlsChain());
  }

  @Test
  void aRenewalInterruptedHalfwayIsFinishedAtTheNextLoad() throws Exception {
    CertificateRenewal.Asking asking = CertificateRenewal.ask(district);
    CertificateRenewal.Issued issued = CertificateRenewal.answer(city, asking.requests(),
        caller("bj-chaoyang", "110105"), Duration.ofDays(60));
    Path node = pki.dirOf("bj-chaoyang");
    // as if the process died after writing the renewal and moving only the new TLS key into place
    Path renewal = Files.createDirectory(node.resolve(NodeKeyMaterial.RENEWAL_DIR));
    PemFiles.writePrivateKey(node.resolve(NodeKeyMaterial.TLS_KEY), asking.tls().getPrivate());
    PemFiles.writeCertificates(renewal.resolve(NodeKeyMaterial.TLS_CERT), issued.tls());
    PemFiles.writePrivateKey(renewal.resolve(NodeKeyMaterial.SEAL_KEY), asking.seal().getPrivate());
    PemFiles.writeCertificates(renewal.resolve(NodeKeyMaterial.SEAL_CERT), issued.seal());

    NodeKeyMaterial loaded = NodeKeyMaterial.load(node, pki.clock());
    assertThat(loaded.tlsChain().get(0)).isEqualTo(issued.tls().get(0));
    assertThat(loaded.sealChain().get(0)).isEqualTo(issued.seal().get(0));
    assertThat(renewal).doesNotExist();
  }
}
