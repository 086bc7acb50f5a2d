package org.cix.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.cix.crypto.pem.KeyMaterialException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeyMaterialTest {
  @TempDir Path dir;
  private TestPki pki;

  @BeforeEach
  void setUp() {
    pki = TestPki.create(dir);
  }

  @Test
  void enrol_writesPrivateKeysOwnerOnly() throws Exception {
    pki.node("bj", "1101");

    for (String key : new String[] {"tls.key", "seal.key", "ca.key"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.dirOf("bj").resolve(key))))
          .as(key).isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.rootDir().resolve("ca.key"))))
        .isEqualTo("rw-------");
  }

  @Test
  void enrol_nodeDirectoryIsOwnerOnly_andLoadRefusesOneOpenToOthers() throws Exception {
    pki.node("bj", "1101");
    Path node = pki.dirOf("bj");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(node))).isEqualTo("rwx------");

    Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> NodeKeyMaterial.load(node, pki.clock())).isInstanceOf(KeyMaterialException.class)
        .hasMessageContaining("open to other users (rwxrwxrwx); run: chmod 700 " + node);
  }

  @Test
  void load_enrolledCity_isCaCapableWithBothKeyPairs() {
    pki.node("bj", "1101");

    NodeKeyMaterial loaded = NodeKeyMaterial.load(pki.dirOf("bj"), pki.clock());

    assertThat(loaded.nodeId()).isEqualTo("bj");
    assertThat(loaded.jurisdiction()).isEqualTo("1101");
    assertThat(loaded.canIssue()).isTrue();
    assertThat(loaded.sealKey().getAlgorithm()).isIn("Ed25519", "EdDSA");
  }

  @Test
  void enrol_existingDirectory_isRefused() {
    pki.node("bj", "1101");

    assertThatThrownBy(() -> pki.node("bj", "1101"))
        .isInstanceOf(KeyMaterialException.class)
        .hasMessageContaining("already exists; refusing to overwrite keys");
  }

  @Test
  void load_missingKey_namesTheFile() throws Exception {
    pki.node("bj-dongcheng", "110101");
    Files.delete(pki.dirOf("bj-dongcheng").resolve("tls.key"));

    assertThatThrownBy(() -> NodeKeyMaterial.load(pki.dirOf("bj-dongcheng"), pki.clock()))
        .isInstanceOf(KeyMaterialException.class)
        .hasMessageContaining("tls.key: missing");
  }

  @Test
  void load_keyOfAnotherPair_namesTheKeyFile() throws Exception {
    pki.node("bj-dongcheng", "110101");
    pki.node("bj-xicheng", "110102");
    Files.copy(pki.dirOf("bj-xicheng").resolve("tls.key"), pki.dirOf("bj-dongcheng").resolve("tls.key"),
        StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> NodeKeyMaterial.load(pki.dirOf("bj-dongcheng"), pki.clock()))
        .hasMessageContaining("tls.key: does not match the certificate");
  }

  @Test
  void load_brokenCertificate_namesTheFile() throws Exception {
    pki.node("bj-dongcheng", "110101");
    Files.writeString(pki.dirOf("bj-dongcheng").resolve("seal.crt"),
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");

    assertThatThrownBy(() -> NodeKeyMaterial.load(pki.dirOf("bj-dongcheng"), pki.clock()))
        .hasMessageContaining("seal.crt: not a readable PEM certificate file");
  }

  @Test
  void load_keyReadableByOthers_isRefused() throws Exception {
    pki.node("bj-dongcheng", "110101");
    Path key = pki.dirOf("bj-dongcheng").resolve("seal.key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> NodeKeyMaterial.load(pki.dirOf("bj-dongcheng"), pki.clock()))
        .hasMessageContaining("seal.key: readable by others");
  }

  @Test
  void load_certificatesOfTwoNodes_isRefused() throws Exception {
    pki.node("bj-dongcheng", "110101");
    pki.node("bj-xicheng", "110102");
    for (String file : new String[] {"seal.crt", "seal.key"}) {
      Files.copy(pki.dirOf("bj-xicheng").resolve(file), pki.dirOf("bj-dongcheng").resolve(file),
          StandardCopyOption.REPLACE_EXISTING);
    }

    assertThatThrownBy(() -> NodeKeyMaterial.load(pki.dirOf("bj-dongcheng"), pki.clock()))
        .hasMessageContaining("seal.crt: names");
  }

  @Test
  void enrol_refusedIssuance_leavesNothingBehind() throws Exception {
    pki.node("bj", "1101");

    assertThatThrownBy(() -> pki.node(pki.caOf("bj"), "tj-heping", "120101"))
        .hasMessageContaining("cannot issue for jurisdiction 120101");

    try (var entries = Files.list(dir)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("root", "bj");
    }
  }

  @Test
  void loadCa_missingDirectory_saysSo() {
    assertThatThrownBy(() -> CertificateAuthority.load(dir.resolve("nowhere"), pki.clock()))
        .hasMessageContaining("nowhere: no such CA directory");
  }

  @Test
  void frontEnd_holdsAMarkedTlsCertificateOfTheNode_andNoSealingKey() throws Exception {
    pki.node("bj", "1101");
    NodeKeyMaterial front = FrontEndKeys.enrol(pki.root(), "bj", "1101", TestPki.VALIDITY,
        dir.resolve("bj-front"), pki.clock(), staging -> { });

    assertThat(front.nodeId()).isEqualTo("bj");
    assertThat(front.frontEnd()).isTrue();
    assertThat(NodeKeyMaterial.load(pki.dirOf("bj"), pki.clock()).frontEnd()).isFalse();
    assertThat(dir.resolve("bj-front").resolve(NodeKeyMaterial.SEAL_KEY)).doesNotExist();
    assertThat(CertIdentity.isFrontEnd(front.tlsChain().get(0))).isTrue();
    assertThatThrownBy(front::sealKey).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("read front end of node bj: it holds no sealing key");
    assertThat(CertificateExpiry.of(front)).extracting(CertificateExpiry::which).doesNotContain("seal");
    ChainValidator validator = new ChainValidator(java.util.List.of(pki.root().certificate()), pki.clock());
    assertThat(validator.validate(front.tlsChain(), CertificateProfile.TLS).nodeId()).contains("bj");
    assertThatThrownBy(() -> validator.validate(pki.node("sh", "31").tlsChain(), CertificateProfile.FRONT_END))
        .hasMessageContaining("not a read front end's certificate");
    assertThatThrownBy(() -> validator.validate(front.tlsChain(), CertificateProfile.SEAL))
        .hasMessageContaining("not a cix sealing certificate");

    // a front end's certificate beside a sealing key: refused, not taken for a writer's
    Files.copy(pki.dirOf("bj").resolve(NodeKeyMaterial.SEAL_KEY), dir.resolve("bj-front").resolve(
        NodeKeyMaterial.SEAL_KEY));
    Files.copy(pki.dirOf("bj").resolve(NodeKeyMaterial.SEAL_CERT), dir.resolve("bj-front").resolve(
        NodeKeyMaterial.SEAL_CERT));
    assertThatThrownBy(() -> NodeKeyMaterial.load(dir.resolve("bj-front"), pki.clock()))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("is a read front end's certificate");
  }
}
