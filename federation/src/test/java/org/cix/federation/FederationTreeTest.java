package org.cix.federation;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cix.core.link.LinkRole;
import org.cix.core.link.LinkState;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.link.LinkDirection;
import org.cix.federation.link.LinkStatus;
import org.cix.federation.link.LinkTarget;
import org.cix.federation.server.FederationNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A 3-level tree of real nodes on loopback: national, a city, two districts. */
@Timeout(120)
class FederationTreeTest {
  static final Fault WRONG_PLACE = new Fault(
      "a child outside its parent's jurisdiction, an unconfigured peer, a parent configured "
          + "below the node",
      "the link is refused with the reason");
  static final Fault MIDDLE_RESTARTED = new Fault(
      "the middle node of a 3-level tree stopped and restarted",
      "links redial with backoff and come back up");
  private static final Duration BOUND = Duration.ofSeconds(30);
  @TempDir Path dir;
  private TestPki pki;
  @RegisterExtension final RunningNodes running = new RunningNodes();

  @BeforeEach
  void setUp() {
    pki = TestPki.create(dir);
  }


  private static LinkState state(FederationNode node, LinkDirection direction, String peer) {
    return node.links().find(direction, peer).map(LinkStatus::state).orElse(null);
  }

  @Test
  void tree_allLinksComeUp_andSurviveARestartOfTheMiddleNode() {
    MIDDLE_RESTARTED.inflicted();
    FederationNode national = running.start(pki.node("cn", ""), Optional.empty());
    NodeKeyMaterial cityKeys = pki.node("bj", "1101");
    FederationNode city = running.start(cityKeys, Optional.of(national));
    FederationNode chaoyang = running.start(pki.node(pki.caOf("bj"), "bj-chaoyang", "110105"), Optional.of(city));
    FederationNode haidian = running.start(pki.node(pki.caOf("bj"), "bj-haidian", "110108"), Optional.of(city));

    await().atMost(BOUND).untilAsserted(() -> {
      assertThat(state(city, LinkDirection.OUTBOUND, "cn")).isEqualTo(LinkState.UP);
      assertThat(state(national, LinkDirection.INBOUND, "bj")).isEqualTo(LinkState.UP);
      assertThat(state(chaoyang, LinkDirection.OUTBOUND, "bj")).isEqualTo(LinkState.UP);
      assertThat(state(haidian, LinkDirection.OUTBOUND, "bj")).isEqualTo(LinkState.UP);
      assertThat(state(city, LinkDirection.INBOUND, "bj-chaoyang")).isEqualTo(LinkState.UP);
      assertThat(state(city, LinkDirection.INBOUND, "bj-haidian")).isEqualTo(LinkState.UP);
    });
    LinkStatus childSeenByCity = city.links().find(LinkDirection.INBOUND, "bj-chaoyang").orElseThrow();
    assertThat(childSeenByCity.peerRole()).isEqualTo(LinkRole.CHILD);
    assertThat(childSeenByCity.peerJurisdiction()).isEqualTo("110105");

    int cityPort = city.federationPort();
    running.stop(city);
    await().atMost(BOUND).untilAsserted(() -> {
      assertThat(state(chaoyang, LinkDirection.OUTBOUND, "bj")).isNotEqualTo(LinkState.UP);
      assertThat(state(national, LinkDirection.INBOUND, "bj")).isEqualTo(LinkState.DOWN);
    });
    assertThat(chaoyang.links().find(LinkDirection.OUTBOUND, "bj").orElseThrow().lastError()).isPresent();

    FederationNode restarted = TestNodes.start(cityKeys, cityPort, Optional.of(TestNodes.parentTarget(national)));
    running.add(restarted);

    await().atMost(BOUND).untilAsserted(() -> {
      assertThat(state(restarted, LinkDirection.OUTBOUND, "cn")).isEqualTo(LinkState.UP);
      assertThat(state(national, LinkDirection.INBOUND, "bj")).isEqualTo(LinkState.UP);
      assertThat(state(chaoyang, LinkDirection.OUTBOUND, "bj")).isEqualTo(LinkState.UP);
      assertThat(state(haidian, LinkDirection.OUTBOUND, "bj")).isEqualTo(LinkState.UP);
      assertThat(state(restarted, LinkDirection.INBOUND, "bj-chaoyang")).isEqualTo(LinkState.UP);
    });
    assertThat(chaoyang.links().find(LinkDirection.OUTBOUND, "bj").orElseThrow().connects()).isEqualTo(2);
    assertThat(national.links().find(LinkDirection.INBOUND, "bj").orElseThrow().connects()).isEqualTo(2);
  }

  @Test
  void peers_lowerIdDials_andAnUnconfiguredPeerIsRefused() {
    WRONG_PLACE.inflicted();
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    NodeKeyMaterial shKeys = pki.node("sh", "3101");
    // sh has the higher id, so it never dials bj: bj's address in its configuration is not used
    FederationNode sh = TestNodes.startWithPeers(shKeys, 0, List.of(TestNodes.peerTarget("bj", 1)));
    running.add(sh);
    int shPort = sh.federationPort();
    FederationNode bj = TestNodes.startWithPeers(bjKeys, 0, List.of(TestNodes.peerTarget("sh", shPort)));
    running.add(bj);

    await().atMost(BOUND).untilAsserted(() -> {
      assertThat(state(bj, LinkDirection.OUTBOUND, "sh")).isEqualTo(LinkState.UP);
      assertThat(state(sh, LinkDirection.INBOUND, "bj")).isEqualTo(LinkState.UP);
    });
    assertThat(sh.links().find(LinkDirection.OUTBOUND, "bj")).as("the higher id does not dial").isEmpty();
    assertThat(sh.links().find(LinkDirection.INBOUND, "bj").orElseThrow().peerRole()).isEqualTo(LinkRole.PEER);

    FederationNode gz = TestNodes.startWithPeers(pki.node("gz", "4401"), 0, List.of(TestNodes.peerTarget("sh", shPort)));
    running.add(gz);
    await().atMost(BOUND).untilAsserted(() -> assertThat(gz.links().find(LinkDirection.OUTBOUND, "sh").orElseThrow()
        .lastError()).hasValueSatisfying(error -> assertThat(error).contains("gz is not a configured peer of sh")));
    assertThat(sh.links().find(LinkDirection.INBOUND, "gz")).isEmpty();
  }

  @Test
  void childOutsideParentsJurisdiction_isRefusedWithTheReason() {
    WRONG_PLACE.inflicted();
    FederationNode beijing = running.start(pki.node("bj", "1101"), Optional.empty());
    FederationNode heping = running.start(pki.node("tj-heping", "120101"), Optional.of(beijing));

    await().atMost(BOUND).untilAsserted(() -> {
      LinkStatus link = heping.links().find(LinkDirection.OUTBOUND, "bj").orElseThrow();
      assertThat(link.state()).isNotEqualTo(LinkState.UP);
      assertThat(link.lastError()).hasValueSatisfying(error -> assertThat(error)
          .contains("PERMISSION_DENIED").contains("120101 of node tj-heping is not inside jurisdiction 1101"));
    });
    assertThat(beijing.links().find(LinkDirection.INBOUND, "tj-heping")).isEmpty();
  }

  @Test
  void parentAddressOfAnotherKindOfPort_orOfAnotherNode_saysSo() {
    WRONG_PLACE.inflicted();
    FederationNode national = running.start(pki.node("cn", ""), Optional.empty());
    FederationNode shanghai = running.start(pki.node("sh", "3101"), Optional.of(national));
    FederationNode adminPort = running.add(TestNodes.start(pki.node("bj", "1101"), 0,
        Optional.of(new LinkTarget("cn", "127.0.0.1", national.adminPort(), LinkRole.PARENT))));
    FederationNode otherNode = running.add(TestNodes.start(pki.node("tj", "1201"), 0,
        Optional.of(new LinkTarget("cn", "127.0.0.1", shanghai.federationPort(), LinkRole.PARENT))));

    await().atMost(BOUND).untilAsserted(() -> {
      assertThat(adminPort.links().find(LinkDirection.OUTBOUND, "cn").orElseThrow().lastError())
          .hasValueSatisfying(error -> assertThat(error).isEqualTo("UNAVAILABLE: 127.0.0.1:" + national.adminPort()
              + " answers, but not with TLS: it is not a cix federation port (an admin or metrics port?); check "
              + "the parent's address"));
      assertThat(otherNode.links().find(LinkDirection.OUTBOUND, "cn").orElseThrow().lastError())
          .hasValueSatisfying(error -> assertThat(error).isEqualTo("UNAVAILABLE: 127.0.0.1:"
              + shanghai.federationPort() + " is node sh, not cn: check the parent's address and node id"));
    });
  }

  @Test
  void configuredParentBelowTheNode_refusesTheLink() {
    WRONG_PLACE.inflicted();
    FederationNode chaoyang = running.start(pki.node("bj-chaoyang", "110105"), Optional.empty());
    FederationNode beijing = running.start(pki.node("bj", "1101"), Optional.of(chaoyang));

    await().atMost(BOUND).untilAsserted(() -> {
      LinkStatus link = beijing.links().find(LinkDirection.OUTBOUND, "bj-chaoyang").orElseThrow();
      assertThat(link.lastError()).hasValueSatisfying(error -> assertThat(error).contains("is not inside"));
    });
    assertThat(state(beijing, LinkDirection.OUTBOUND, "bj-chaoyang")).isNotEqualTo(LinkState.UP);
  }
}
