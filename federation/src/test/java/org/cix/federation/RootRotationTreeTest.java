package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;


import org.cix.core.node.NodeServices;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.crypto.pki.CertificateProfile;
import org.cix.crypto.pki.ChainValidator;
import org.cix.crypto.pki.EnrolmentRequest;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TrustedRoots;
import org.cix.crypto.pki.TestPki;
import org.cix.core.link.LinkState;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.link.LinkDirection;
import org.cix.federation.server.FederationNode;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The national root rotated as the operator guide's runbook says (issue 20): a new root
 * cross-signed by the old, taken by every node, the tree moved under it from the top (the
 * national node and the city by request, keeping their CA keys; the district over its link),
 * the old root left to expire. Listings before and after restrict at the national node.
 */
@Timeout(180)
class RootRotationTreeTest {
  static final Fault ROOT_ROTATED = new Fault(
      "the national root rotated on a running tree: new root cross-signed, added at every node, the national node "
          + "and a city renewed by request under it, a district over its link",
      "links come back after each restart; the listing sealed before still restricts at the national node, the one "
          + "sealed after too; every node's certificates hold under the new root alone");
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String DISTRICT = "110105";

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();

  @Test
  void theTreeMovesUnderANewRoot_withoutLosingWhatItSealed() throws Exception {
    ROOT_ROTATED.inflicted();
    TestPki pki = TestPki.create(dir.resolve("pki"));
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    NodeKeyMaterial bjKeys = pki.node(pki.caOf("cn"), "bj", "1101");
    NodeKeyMaterial districtKeys = pki.node(pki.caOf("bj"), "bj-chaoyang", DISTRICT);
    FederationNode cn = running.start(cnKeys, Optional.empty());
    FederationNode bj = running.start(bjKeys, Optional.of(cn));
    FederationNode chaoyang = running.start(districtKeys, Optional.of(bj));
    NodeServices district = TestNodes.services(districtKeys);
    TestExports.listings(district, 1, DISTRICT, 1, 1);
    String before = TestExports.first(district, "serious-dishonesty").subjectId();
    NodeServices nationalBefore = TestNodes.services(cnKeys);
    await().atMost(BOUND).until(() -> TestNodes.restricted(nationalBefore, before));

    // 1. at the root's host: cix ca rotate
    CertificateAuthority next = pki.root().rotate("Test National Root 2", Duration.ofDays(730));
    Path nextDir = Files.createDirectories(dir.resolve("root-2"));
    next.writeTo(nextDir);

    // 2. at every node: cix node trust --add, restart
    for (String node : List.of("cn", "bj", "bj-chaoyang")) {
      TrustedRoots.trustInNode(pki.dirOf(node), next.root(), next.crossCertificate().orElseThrow());
    }
    cnKeys = restart(cn, cnKeys, Optional.empty());
    cn = last();
    bjKeys = restart(bj, bjKeys, Optional.of(cn));
    bj = last();
    districtKeys = restart(chaoyang, districtKeys, Optional.of(bj));
    chaoyang = last();

    // 3. from the top: the national node by request to the new root, the city to the national node's CA
    cnKeys = renewByRequest(pki, "cn", CertificateAuthority.load(nextDir, Clock.systemUTC()), cn, cnKeys,
        Optional.empty());
    cn = last();
    bjKeys = renewByRequest(pki, "bj", pki.caOf("cn"), bj, bjKeys, Optional.of(cn));
    bj = last();
    //    the district over its link, once it is back up toward its restarted city
    FederationNode current = chaoyang;
    await().atMost(BOUND).until(() -> upLinkUp(current));
    try (AdminClient admin = new AdminClient(chaoyang.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(60))) {
      admin.trust().renewCertificates();
    }

    ChainValidator newRootOnly = new ChainValidator(List.of(next.root()), Clock.systemUTC());
    for (NodeKeyMaterial keys : List.of(cnKeys, bjKeys, districtKeys)) {
      assertThat(newRootOnly.validate(keys.tlsChain(), CertificateProfile.TLS).requireNodeId()).isEqualTo(
          keys.nodeId());
      assertThat(newRootOnly.validate(keys.sealChain(), CertificateProfile.SEAL).requireNodeId()).isEqualTo(
          keys.nodeId());
    }
    NodeServices national = TestNodes.services(cnKeys);
    TestExports.listings(TestNodes.services(districtKeys), 2, DISTRICT, 1, 1);
    NodeServices renewedDistrict = TestNodes.services(districtKeys);
    String after = renewedDistrict.exchange().changesOfTypes(0, renewedDistrict.exchange().head(),
        List.of("serious-dishonesty"), 10).get(1).subjectId();
    await().atMost(BOUND).until(() -> TestNodes.restricted(national, after));
    assertThat(TestNodes.restricted(national, before)).as("the listing sealed under the old root").isTrue();
    assertThat(national.profiles().profile(after).entries()).isNotEmpty()
        .allSatisfy(e -> assertThat(e.sealCheck()).isEqualTo("verified"));
  }

  private FederationNode lastStarted;

  private FederationNode last() {
    return lastStarted;
  }

  /** Stops {@code node}, reloads its directory, starts it again on the same port and data. */
  private NodeKeyMaterial restart(FederationNode node, NodeKeyMaterial keys, Optional<FederationNode> parent) {
    int port = node.federationPort();
    running.stop(node);
    NodeKeyMaterial reloaded = NodeKeyMaterial.load(keys.directory().orElseThrow(), Clock.systemUTC());
    TestNodes.renewed(keys, reloaded);
    lastStarted = running.add(TestNodes.start(reloaded, port, parent.map(TestNodes::parentTarget)));
    return reloaded;
  }

  /** cix node renewal-request, cix ca sign, and with the node stopped cix node accept; then started again. */
  private NodeKeyMaterial renewByRequest(TestPki pki, String nodeId, CertificateAuthority issuer, FederationNode node,
      NodeKeyMaterial keys, Optional<FederationNode> parent) {
    Path request = EnrolmentRequest.renewal(pki.dirOf(nodeId), Clock.systemUTC());
    Path answer = dir.resolve("answer-" + nodeId);
    EnrolmentRequest.answer(issuer, EnrolmentRequest.read(request), Duration.ofDays(365), answer);
    int port = node.federationPort();
    running.stop(node);
    EnrolmentRequest.accept(answer, pki.dirOf(nodeId), Clock.systemUTC());
    NodeKeyMaterial reloaded = NodeKeyMaterial.load(pki.dirOf(nodeId), Clock.systemUTC());
    TestNodes.renewed(keys, reloaded);
    lastStarted = running.add(TestNodes.start(reloaded, port, parent.map(TestNodes::parentTarget)));
    return reloaded;
  }

  private static boolean upLinkUp(FederationNode node) {
    return node.links().find(LinkDirection.OUTBOUND, "bj").filter(s -> s.state() == LinkState.UP).isPresent();
  }
}
