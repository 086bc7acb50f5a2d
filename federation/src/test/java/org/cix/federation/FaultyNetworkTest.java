package org.cix.federation;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.cix.core.link.LinkRole;
import org.cix.core.node.NodeServices;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.link.LinkTarget;
import org.cix.federation.server.FederationNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child syncs to its parent through a network that resets connections, delays every chunk and
 * cuts a stream in the middle of a bundle: the link recovers each time and the parent ends with
 * every record exactly once, both cursors agreeing.
 */
@Timeout(180)
class FaultyNetworkTest {
  static final Fault BAD_NETWORK = new Fault(
      "a network between child and parent that resets every connection (RST), delays every "
          + "chunk by 20 ms, cuts a stream in the middle of a bundle (a TCP proxy of the test's own "
          + "on loopback)",
      "the link redials each time and resumes from the cursors; the parent ends with every "
          + "record exactly once, both cursors agree");
  private static final Duration BOUND = Duration.ofSeconds(90);

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();


  @Test
  void resetsDelaysAndCutStreams_theLinkRecovers_andEveryRecordArrivesOnce() throws Exception {
    BAD_NETWORK.inflicted();
    TestPki pki = TestPki.create(dir);
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    FederationNode cn = running.start(cnKeys, Optional.empty());
    NodeServices national = TestNodes.services(cnKeys);
    NodeServices city = TestNodes.services(bjKeys);
    try (FaultyNetwork network = new FaultyNetwork(cn.federationPort())) {
      running.add(TestNodes.start(bjKeys, 0, Optional.of(new LinkTarget("cn", "127.0.0.1", network.port(),
          LinkRole.PARENT))));
      await().atMost(BOUND).until(() -> network.connections() >= 1);

      long total = TestExports.penalties(city, 71, "110105", 3_000);
      await().atMost(BOUND).until(() -> national.store().counts().records() > 0);
      network.resetAll();
      long beforeReset = network.connections();
      await().atMost(BOUND).until(() -> network.connections() > beforeReset);

      network.delay(20);
      total += TestExports.penalties(city, 72, "110105", 1_000);
      long beforeCut = national.store().counts().records();
      await().atMost(BOUND).until(() -> national.store().counts().records() > beforeCut);
      network.delay(0);
      long connectionsBeforeCut = network.connections();
      network.cutAfter(50_000);
      total += TestExports.penalties(city, 73, "110105", 2_000);
      await().atMost(BOUND).until(() -> network.connections() > connectionsBeforeCut);

      long expected = total + 1; // and the registration of their department
      await().atMost(BOUND).until(() -> national.store().counts().records() == expected);
      assertThat(national.store().counts().versions()).as("no duplicates").isEqualTo(expected);
      await().atMost(BOUND).untilAsserted(() -> {
        assertThat(city.exchange().cursor("cn").sentAcked()).isEqualTo(city.exchange().head());
        assertThat(national.exchange().cursor("bj").received()).isEqualTo(city.exchange().head());
      });
      assertThat(network.connections()).as("reconnected after the reset and the cut").isGreaterThanOrEqualTo(3);
    }
  }
}
