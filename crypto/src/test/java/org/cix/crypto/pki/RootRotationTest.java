package org.cix.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.cix.crypto.pem.KeyMaterialException;
import org.cix.crypto.pem.PemFiles;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root rotation (issue 20): a new root cross-signed by the old, both trusted during the overlap,
 * the old retired once nothing needs it.
 */
class RootRotationTest {
  static final Fault UNVOUCHED_ROOT = new Fault(
      "a new root offered to a node without a cross certificate from a root it trusts (self-made, or vouched for "
          + "by a foreign root), or with the cross certificate of another root",
      "refused with the reason; root.crt unchanged");
  static final Fault RETIRING_A_NEEDED_ROOT = new Fault(
      "the old root retired at a node whose certificates still hold only under it",
      "refused, root.crt unchanged, the node still loads; it says to renew under the new root first");
  private static final Duration YEAR = Duration.ofDays(365);
  @TempDir Path dir;
  private TestPki pki;
  private CertificateAuthority next;
  private Path nextDir;

  @BeforeEach
  void setUp() throws Exception {
    pki = TestPki.create(dir.resolve("pki"));
    next = pki.root().rotate("Test National Root 2", YEAR);
    nextDir = Files.createDirectories(dir.resolve("root-2"));
    next.writeTo(nextDir);
  }

  @Test
  void duringTheOverlap_chainsUnderEitherRootHold_whereverEitherOrBothAreTrusted() {
    X509Certificate oldRoot = pki.root().root();
    X509Certificate newRoot = next.root();
    NodeKeyMaterial underOld = pki.node("bj", "1101");
    CertificateAuthority reloaded = CertificateAuthority.load(nextDir, pki.clock());
    NodeKeyMaterial underNew = pki.node(reloaded, "sh", "3101");
    NodeKeyMaterial districtUnderNew = pki.node(pki.caOf("sh"), "sh-huangpu", "310101");

    assertThat(underNew.sealChain()).as("the new root's chains carry its cross certificate").hasSize(2)
        .last().isEqualTo(reloaded.crossCertificate().orElseThrow());
    assertThat(underNew.roots()).as("nodes the new root enrols trust both").containsExactly(newRoot, oldRoot);
    for (List<X509Certificate> trusted : List.of(List.of(oldRoot), List.of(oldRoot, newRoot), List.of(newRoot,
        oldRoot))) {
      ChainValidator validator = new ChainValidator(trusted, pki.clock());
      for (NodeKeyMaterial keys : List.of(underOld, underNew, districtUnderNew)) {
        assertThat(validate(validator, keys)).as(keys.nodeId() + " trusting " + trusted.size()).isEqualTo(
            keys.nodeId());
      }
    }
    ChainValidator newOnly = new ChainValidator(List.of(newRoot), pki.clock());
    assertThat(validate(newOnly, underNew)).isEqualTo("sh");
    assertThat(validate(newOnly, districtUnderNew)).isEqualTo("sh-huangpu");
    assertThatThrownBy(() -> newOnly.validate(underOld.tlsChain(), CertificateProfile.TLS))
        .hasMessageContaining("not issued under the national root");
  }

  @Test
  void theCrossCertificateCarriesNoAuthority_theRulesHoldBelowTheNewRoot() {
    pki.node(next, "sh", "3101");
    CertificateAuthority city = pki.caOf("sh");
    NodeKeyMaterial outside = pki.outsideJurisdiction(city, "sh-chaoyang", "110105");
    ChainValidator validator = new ChainValidator(List.of(pki.root().root()), pki.clock());
    assertThatThrownBy(() -> validator.validate(outside.tlsChain(), CertificateProfile.TLS))
        .hasMessageContaining("lies outside its issuer's jurisdiction");
  }

  @Test
  void aNodeTakesTheNewRoot_onlyOnTheWordOfARootItTrusts() {
    NodeKeyMaterial keys = pki.node("bj", "1101");
    Path node = keys.directory().orElseThrow();
    Path rootFile = node.resolve(CertificateAuthority.ROOT_FILE);
    String before = read(rootFile);
    X509Certificate cross = next.crossCertificate().orElseThrow();

    CertificateAuthority selfMade = CertificateAuthority.createRoot("Test National Root 2", YEAR, pki.clock());
    assertThatThrownBy(() -> TrustedRoots.trustInNode(node, selfMade.root(), cross))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("is not for the new root");
    CertificateAuthority foreign = CertificateAuthority.createRoot("Foreign Root", YEAR, pki.clock());
    CertificateAuthority vouchedByForeign = foreign.rotate("Test National Root 2", YEAR);
    assertThatThrownBy(() -> TrustedRoots.trustInNode(node, vouchedByForeign.root(),
        vouchedByForeign.crossCertificate().orElseThrow()))
        .hasMessageContaining("is not signed by a root this node trusts");
    assertThat(read(rootFile)).isEqualTo(before);

    assertThat(TrustedRoots.trustInNode(node, next.root(), cross)).containsExactly(pki.root().root(), next.root());
    assertThat(TrustedRoots.trustInNode(node, next.root(), cross)).as("taken once").hasSize(2);
    assertThat(NodeKeyMaterial.load(node, pki.clock()).roots()).containsExactly(pki.root().root(), next.root());
  }

  @Test
  void theOldRootIsRetired_onlyWhenTheNodeNoLongerNeedsIt() {
    NodeKeyMaterial keys = pki.node("bj", "1101");
    Path node = keys.directory().orElseThrow();
    Path rootFile = node.resolve(CertificateAuthority.ROOT_FILE);
    TrustedRoots.trustInNode(node, next.root(), next.crossCertificate().orElseThrow());
    String both = read(rootFile);
    String oldFingerprint = Fingerprints.sha256(pki.root().root());

    assertThatThrownBy(() -> TrustedRoots.retireInNode(node, oldFingerprint, pki.clock()))
        .isInstanceOf(KeyMaterialException.class)
        .hasMessageContaining("still needed")
        .hasMessageContaining("renew this node's certificates under the new root first");
    assertThat(read(rootFile)).isEqualTo(both);
    assertThat(NodeKeyMaterial.load(node, pki.clock()).roots()).hasSize(2);

    // re-enrolled under the new root (as by renewal), the node lets the old root go
    NodeKeyMaterial renewed = NodeKeyMaterial.enrol(next, "bj", "1101", true, TestPki.VALIDITY,
        dir.resolve("bj-renewed"), pki.clock(), staging -> { });
    Path renewedDir = renewed.directory().orElseThrow();
    assertThat(TrustedRoots.retireInNode(renewedDir, oldFingerprint, pki.clock())).isEqualTo(pki.root().root());
    assertThat(NodeKeyMaterial.load(renewedDir, pki.clock()).roots()).containsExactly(next.root());
    assertThatThrownBy(() -> TrustedRoots.retireInNode(renewedDir, Fingerprints.sha256(next.root()), pki.clock()))
        .hasMessageContaining("would hold no root");
  }

  @Test
  void aTreeMovesUnderTheNewRoot_byRequestFromTheTop_itsCaKeysKept_andWhatTheySignedStillHolds() throws Exception {
    pki.node("cn", "");
    pki.node(pki.caOf("cn"), "bj", "1101");
    NodeKeyMaterial chaoyang = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    List<X509Certificate> sealedBefore = chaoyang.sealChain();
    for (String node : List.of("cn", "bj", "bj-chaoyang")) {
      TrustedRoots.trustInNode(pki.dirOf(node), next.root(), next.crossCertificate().orElseThrow());
    }

    // top down: each node asks its issuer, which answers from its CA, now under the new root
    renewByRequest("cn", CertificateAuthority.load(nextDir, pki.clock()));
    renewByRequest("bj", pki.caOf("cn"));
    NodeKeyMaterial renewed = renewByRequest("bj-chaoyang", pki.caOf("bj"));

    ChainValidator newOnly = new ChainValidator(List.of(next.root()), pki.clock());
    for (String node : List.of("cn", "bj", "bj-chaoyang")) {
      NodeKeyMaterial keys = NodeKeyMaterial.load(pki.dirOf(node), pki.clock());
      assertThat(validate(newOnly, keys)).as(node).isEqualTo(node);
      assertThat(Files.list(pki.dirOf(node).resolve(NodeKeyMaterial.SUPERSEDED_DIR)).count()).as(node)
          .isEqualTo(keys.canIssue() ? 3 : 2);
    }
    assertThat(pki.dirOf("cn").resolve(EnrolmentRequest.RENEWAL_DIR)).doesNotExist();
    assertThat(renewed.sealChain().get(0).getPublicKey()).isNotEqualTo(sealedBefore.get(0).getPublicKey());
    // the city's CA kept its key: a certificate it issued before, chained to its new CA certificate, holds
    List<X509Certificate> oldLeafNewChain = new java.util.ArrayList<>(List.of(sealedBefore.get(0)));
    oldLeafNewChain.addAll(pki.caOf("bj").chain());
    assertThat(newOnly.validate(oldLeafNewChain, CertificateProfile.SEAL).requireNodeId()).isEqualTo("bj-chaoyang");
    // and until the old root expires, the chain the old seal was made with holds as it was
    assertThat(renewed.validator(pki.clock()).validateAt(sealedBefore, CertificateProfile.SEAL,
        pki.clock().instant()).requireNodeId()).isEqualTo("bj-chaoyang");

    TrustedRoots.retireInNode(pki.dirOf("bj-chaoyang"), Fingerprints.sha256(pki.root().root()), pki.clock());
    assertThat(NodeKeyMaterial.load(pki.dirOf("bj-chaoyang"), pki.clock()).roots()).containsExactly(next.root());
  }

  @Test
  void aRenewalAnswerForAnotherKey_isRefused_andTheNodeKeepsItsCertificates() throws Exception {
    pki.node("bj", "1101");
    Path node = pki.dirOf("bj");
    EnrolmentRequest.renewal(node, pki.clock());
    Path renewal = node.resolve(EnrolmentRequest.RENEWAL_DIR);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(renewal))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(renewal.resolve(NodeKeyMaterial.TLS_KEY))))
        .as("the new keys stay owner-only until answered").isEqualTo("rw-------");
    String before = read(node.resolve(NodeKeyMaterial.TLS_CERT)) + read(node.resolve(CertificateAuthority.CERT_FILE));
    Path other = dir.resolve("other");
    EnrolmentRequest.create("bj", "1101", true, other, staging -> { });
    Path answer = dir.resolve("answer");
    EnrolmentRequest.answer(pki.root(), EnrolmentRequest.read(other.resolve(EnrolmentRequest.FILE)), YEAR, answer);

    assertThatThrownBy(() -> EnrolmentRequest.accept(answer, node, pki.clock()))
        .isInstanceOf(KeyMaterialException.class).hasMessageContaining("not for this node's CA key");
    assertThat(read(node.resolve(NodeKeyMaterial.TLS_CERT)) + read(node.resolve(CertificateAuthority.CERT_FILE)))
        .isEqualTo(before);
    assertThat(NodeKeyMaterial.load(node, pki.clock()).nodeId()).isEqualTo("bj");
  }

  private NodeKeyMaterial renewByRequest(String node, CertificateAuthority issuer) {
    Path request = EnrolmentRequest.renewal(pki.dirOf(node), pki.clock());
    Path answer = dir.resolve("answer-" + node);
    EnrolmentRequest.answer(issuer, EnrolmentRequest.read(request), YEAR, answer);
    return EnrolmentRequest.accept(answer, pki.dirOf(node), pki.clock());
  }

  @Test
  void onlyARootRotates_andTheNewRootNeedsANameOfItsOwn() {
    pki.node("bj", "1101");
    assertThatThrownBy(() -> pki.caOf("bj").rotate("Beijing Root", YEAR))
        .hasMessageContaining("only a root is rotated");
    assertThatThrownBy(() -> pki.root().rotate("Test National Root", YEAR))
        .hasMessageContaining("needs a name of its own");
  }

  private static String validate(ChainValidator validator, NodeKeyMaterial keys) {
    try {
      validator.validate(keys.sealChain(), CertificateProfile.SEAL);
      return validator.validate(keys.tlsChain(), CertificateProfile.TLS).requireNodeId();
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  private static String read(Path file) {
    return PemFiles.readCertificates(file).stream().map(Fingerprints::sha256).toList().toString();
  }
}
