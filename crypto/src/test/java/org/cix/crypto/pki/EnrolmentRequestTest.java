package org.cix.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.cix.crypto.pem.KeyMaterialException;
import org.cix.crypto.pem.PemFiles;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrolment by request (issue 20): the node makes its keys, its parent's CA answers with
 * certificates only, within its rules.
 */
class EnrolmentRequestTest {
  static final Fault BAD_REQUEST = new Fault(
      "an enrolment request for a node id outside the CA's namespace or a jurisdiction outside its own, one whose "
          + "requests name two nodes, or one not signed by the keys it asks for",
      "refused with the reason; nothing issued");
  private static final Duration VALIDITY = Duration.ofDays(365);
  @TempDir Path dir;
  private TestPki pki;
  private CertificateAuthority city;

  @BeforeEach
  void setUp() {
    pki = TestPki.create(dir.resolve("pki"));
    pki.node("bj", "1101");
    city = pki.caOf("bj");
  }

  @Test
  void aRequestAnsweredByTheParent_makesANodeWhosePrivateKeysNeverLeftIt() throws Exception {
    Path node = dir.resolve("bj-chaoyang");
    EnrolmentRequest.create("bj-chaoyang", "110105", false, node, staging -> { });
    EnrolmentRequest.Asked asked = EnrolmentRequest.read(node.resolve(EnrolmentRequest.FILE));
    assertThat(asked.nodeId()).isEqualTo("bj-chaoyang");
    assertThat(asked.jurisdiction()).isEqualTo("110105");
    assertThat(asked.ca()).isEmpty();

    Path answer = dir.resolve("answer");
    EnrolmentRequest.answer(city, asked, VALIDITY, answer);
    try (Stream<Path> files = Files.list(answer)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .as("certificates only").containsExactlyInAnyOrder("tls.crt", "seal.crt", "root.crt");
    }
    NodeKeyMaterial keys = EnrolmentRequest.accept(answer, node, pki.clock());

    assertThat(keys.nodeId()).isEqualTo("bj-chaoyang");
    assertThat(keys.validator(pki.clock()).validate(keys.sealChain(), CertificateProfile.SEAL).jurisdiction())
        .isEqualTo("110105");
    assertThat(node.resolve(EnrolmentRequest.FILE)).doesNotExist();
  }

  @Test
  void aCityAsksForItsOwnCa_andIssuesWithIt() {
    Path node = dir.resolve("sh");
    EnrolmentRequest.create("sh", "3101", true, node, staging -> { });
    EnrolmentRequest.answer(pki.root(), EnrolmentRequest.read(node.resolve(EnrolmentRequest.FILE)), VALIDITY,
        dir.resolve("answer"));

    NodeKeyMaterial keys = EnrolmentRequest.accept(dir.resolve("answer"), node, pki.clock());

    assertThat(keys.canIssue()).isTrue();
    NodeKeyMaterial huangpu = pki.node(CertificateAuthority.load(node, pki.clock()), "sh-huangpu", "310101");
    assertThat(huangpu.nodeId()).isEqualTo("sh-huangpu");
  }

  @Test
  void requestsOutsideTheCasRules_orNotSignedByTheirKeys_areRefused() throws Exception {
    BAD_REQUEST.inflicted();
    // a city CA minting 'sh', even inside its own jurisdiction
    EnrolmentRequest.create("sh", "110105", false, dir.resolve("sh"), staging -> { });
    EnrolmentRequest.Asked shanghai = EnrolmentRequest.read(dir.resolve("sh").resolve(EnrolmentRequest.FILE));
    assertThatThrownBy(() -> EnrolmentRequest.answer(city, shanghai, VALIDITY, dir.resolve("a1")))
        .hasMessageContaining("outside the namespace of CA bj");
    EnrolmentRequest.create("bj-pudong", "310115", false, dir.resolve("bj-pudong"), staging -> { });
    assertThatThrownBy(() -> EnrolmentRequest.answer(city,
        EnrolmentRequest.read(dir.resolve("bj-pudong").resolve(EnrolmentRequest.FILE)), VALIDITY, dir.resolve("a2")))
        .hasMessageContaining("cannot issue for jurisdiction");
    assertThat(dir.resolve("a1")).doesNotExist();
    assertThat(dir.resolve("a2")).doesNotExist();

    // a district asking for a CA of its own
    EnrolmentRequest.create("bj-tongzhou", "110112", true, dir.resolve("bj-tongzhou"), staging -> { });
    assertThatThrownBy(() -> EnrolmentRequest.answer(city,
        EnrolmentRequest.read(dir.resolve("bj-tongzhou").resolve(EnrolmentRequest.FILE)), VALIDITY,
        dir.resolve("a3"))).hasMessageContaining("issues no certificates: no CA for it");
    assertThat(dir.resolve("a3")).doesNotExist();

    // the TLS request of one node, the sealing request of another
    EnrolmentRequest.create("bj-haidian", "110108", false, dir.resolve("bj-haidian"), staging -> { });
    List<PKCS10CertificationRequest> haidian = PemFiles.readRequests(
        dir.resolve("bj-haidian").resolve(EnrolmentRequest.FILE));
    List<PKCS10CertificationRequest> pudong = PemFiles.readRequests(
        dir.resolve("bj-pudong").resolve(EnrolmentRequest.FILE));
    Path mixed = dir.resolve("mixed.pem");
    PemFiles.writeRequests(mixed, List.of(haidian.get(0), pudong.get(1)));
    assertThatThrownBy(() -> EnrolmentRequest.read(mixed)).isInstanceOf(KeyMaterialException.class)
        .hasMessageContaining("name more than one node");

    // one byte of a request's signature changed
    byte[] encoded = haidian.get(1).getEncoded();
    encoded[encoded.length - 1] ^= 0x01;
    Path forged = dir.resolve("forged.pem");
    PemFiles.writeRequests(forged, List.of(haidian.get(0), new PKCS10CertificationRequest(encoded)));
    assertThatThrownBy(() -> EnrolmentRequest.read(forged)).isInstanceOf(KeyMaterialException.class)
        .hasMessageContaining("not signed by the key it is for");
  }
}
