package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.FederationView;
import org.cix.proto.v1.NodeReportInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes report themselves up the tree: the national node sees every node with its parent and
 * links without connecting to any but its children; a city sees its own subtree only.
 */
@Timeout(120)
class FederationViewTest {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();

  @Test
  void nationalNode_seesTheWholeTree_fromTheNodesReports_aCityItsSubtree() {
    TestTree tree = TestTree.reporting(TestPki.create(dir), running, Duration.ofMillis(500));

    FederationView national = await().atMost(BOUND).until(() -> view(tree, "cn"), v -> v.getNodesCount() == 6
        && v.getNodesList().stream().allMatch(n -> n.getLinksList().stream().allMatch(l -> l.getState().equals("up"))));
    assertThat(national.getNodesList()).extracting(NodeReportInfo::getNodeId)
        .containsExactlyInAnyOrder("cn", "bj", "sh", "bj-chaoyang", "bj-dongcheng", "sh-huangpu");
    assertThat(node(national, "bj-chaoyang").getParent()).isEqualTo("bj");
    assertThat(node(national, "bj").getParent()).isEqualTo("cn");
    assertThat(node(national, "cn").getParent()).isEmpty();
    assertThat(node(national, "sh").getLinksList()).extracting(l -> l.getPeer() + " " + l.getRole())
        .containsExactlyInAnyOrder("cn parent", "sh-huangpu child");
    assertThat(node(national, "sh-huangpu").getJurisdiction()).isEqualTo("310101");
    assertThat(node(national, "sh-huangpu").getCertificatesUntilMillis()).as("its first certificate to expire")
        .isEqualTo(tree.keys("sh-huangpu").tlsChain().get(0).getNotAfter().getTime());

    FederationView city = view(tree, "bj");
    assertThat(city.getNodesList()).extracting(NodeReportInfo::getNodeId).as("reports only go up")
        .containsExactlyInAnyOrder("bj", "bj-chaoyang", "bj-dongcheng");
  }

  private static FederationView view(TestTree tree, String node) {
    try (AdminClient admin = new AdminClient(tree.node(node).adminPort(), TestNodes.TOKEN, BOUND)) {
      return admin.federation();
    }
  }

  private static NodeReportInfo node(FederationView view, String id) {
    return view.getNodesList().stream().filter(n -> n.getNodeId().equals(id)).findFirst().orElseThrow();
  }
}
