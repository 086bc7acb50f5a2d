package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cix.crypto.pem.PemFiles;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.server.FederationNode;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's TLS seen by a foreign stack: `openssl s_client` without a client certificate is
 * refused ("certificate required"), so is TLS 1.2; with a node certificate and its chain over
 * TLS 1.3 it is accepted; a refused certificate gets the alert that says why.
 */
@Timeout(60)
class OpensslHandshakeTest {
  static final Fault REFUSED_CERTIFICATES = new Fault(
      "openssl s_client presenting a certificate of a foreign root, one issued outside its CA's jurisdiction, an "
          + "expired one",
      "the handshake ends with alert unknown ca (48), bad certificate (42), certificate expired (45): never "
          + "internal error");
  @TempDir Path dir;

  private static boolean opensslPresent() {
    try {
      return new ProcessBuilder("openssl", "version").start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * Runs s_client and sends one line over the session. A server that accepted the handshake
   * reads it as a bad HTTP/2 preface and closes; one that refused the client certificate has
   * sent an alert. Either way s_client ends at once; the bound only guards against a hang.
   */
  private String sClient(int port, List<String> extra) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
        "-ign_eof", "-CAfile", dir.resolve("root/root.crt").toString()));
    command.addAll(extra.contains("-tls1_2") ? extra : prepend("-tls1_3", extra));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().write("x\n".getBytes(StandardCharsets.US_ASCII));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("s_client ended").isTrue();
    return output;
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  /** Runs s_client presenting {@code keys} (kept in memory by the test PKI) as its client certificate. */
  private String presenting(int port, NodeKeyMaterial keys, String name) throws Exception {
    Path leaf = dir.resolve(name + "-leaf.pem");
    Path key = dir.resolve(name + "-tls.key");
    PemFiles.writeCertificates(leaf, keys.tlsChain().subList(0, 1));
    PemFiles.writePrivateKey(key, keys.tlsKey());
    List<String> options = new ArrayList<>(List.of("-cert", leaf.toString(), "-key", key.toString()));
    if (keys.tlsChain().size() > 1) {
      Path chain = dir.resolve(name + "-chain.pem");
      PemFiles.writeCertificates(chain, keys.tlsChain().subList(1, keys.tlsChain().size()));
      options.addAll(List.of("-cert_chain", chain.toString()));
    }
    return sClient(port, options);
  }

  @Test
  void sClient_withARefusedCertificate_getsTheAlertThatSaysWhy() throws Exception {
    assumeTrue(opensslPresent(), "openssl is not installed");
    REFUSED_CERTIFICATES.inflicted();
    TestPki pki = TestPki.create(dir);
    pki.node("bj", "1101");
    try (FederationNode city = TestNodes.start(NodeKeyMaterial.load(pki.dirOf("bj"), pki.clock()), Optional.empty())) {
      assertThat(presenting(city.federationPort(), TestPki.foreignNode("bj-chaoyang", "110105"), "foreign"))
          .contains("alert unknown ca");
      assertThat(presenting(city.federationPort(), pki.outsideJurisdiction(pki.caOf("bj"), "bj-heping", "120101"),
          "outside")).contains("alert bad certificate");
      assertThat(presenting(city.federationPort(), pki.expiredNode(pki.caOf("bj"), "bj-chaoyang", "110105"),
          "expired")).contains("alert certificate expired");
    }
  }

  @Test
  void sClient_withoutCertificateOrOverTls12_isRefused_withNodeCertificate_isAccepted() throws Exception {
    assumeTrue(opensslPresent(), "openssl is not installed");
    TestPki pki = TestPki.create(dir);
    NodeKeyMaterial child = pki.node(pki.caOf(pki.node("bj", "1101").nodeId()), "bj-chaoyang", "110105");
    Path chain = dir.resolve("chain.pem");
    PemFiles.writeCertificates(chain, child.tlsChain().subList(1, child.tlsChain().size()));
    Path leaf = dir.resolve("leaf.pem");
    PemFiles.writeCertificates(leaf, child.tlsChain().subList(0, 1));
    try (FederationNode city = TestNodes.start(NodeKeyMaterial.load(pki.dirOf("bj"), pki.clock()), Optional.empty())) {
      String refused = sClient(city.federationPort(), List.of());
      assertThat(refused).contains("alert certificate required");

      String accepted = sClient(city.federationPort(), List.of(
          "-cert", leaf.toString(), "-cert_chain", chain.toString(),
          "-key", pki.dirOf("bj-chaoyang").resolve("tls.key").toString()));
      assertThat(accepted).contains("Verify return code: 0 (ok)").doesNotContain("alert");

      String tls12 = sClient(city.federationPort(), List.of("-tls1_2",
          "-cert", leaf.toString(), "-cert_chain", chain.toString(),
          "-key", pki.dirOf("bj-chaoyang").resolve("tls.key").toString()));
      assertThat(tls12).containsIgnoringCase("alert protocol version");
    }
  }
}
