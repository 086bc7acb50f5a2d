package org.cix.federation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cix.core.node.NodeServices;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.server.FederationNode;

/**
 * A three-level tree started on loopback with real mTLS: cn; bj with bj-chaoyang (110105) and
 * bj-dongcheng (110101); sh with sh-huangpu (310101).
 */
final class TestTree {
  private final Map<String, NodeKeyMaterial> keys = new LinkedHashMap<>();
  private final Map<String, FederationNode> nodes = new LinkedHashMap<>();

  private TestTree() {}

  static TestTree start(TestPki pki, RunningNodes running) {
    TestTree tree = new TestTree();
    tree.add(running, pki.node("cn", ""), Optional.empty());
    tree.add(running, pki.node("bj", "1101"), Optional.of("cn"));
    tree.add(running, pki.node("sh", "3101"), Optional.of("cn"));
    tree.add(running, pki.node(pki.caOf("bj"), "bj-chaoyang", "110105"), Optional.of("bj"));
    tree.add(running, pki.node(pki.caOf("bj"), "bj-dongcheng", "110101"), Optional.of("bj"));
    tree.add(running, pki.node(pki.caOf("sh"), "sh-huangpu", "310101"), Optional.of("sh"));
    return tree;
  }

  private void add(RunningNodes running, NodeKeyMaterial material, Optional<String> parent) {
    keys.put(material.nodeId(), material);
    nodes.put(material.nodeId(), running.start(material, parent.map(nodes::get)));
  }

  NodeKeyMaterial keys(String id) {
    return keys.get(id);
  }

  FederationNode node(String id) {
    return nodes.get(id);
  }

  NodeServices services(String id) {
    return TestNodes.services(keys.get(id));
  }
}
