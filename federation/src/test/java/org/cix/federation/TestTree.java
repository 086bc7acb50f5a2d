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
  private java.util.function.BiFunction<NodeKeyMaterial, Optional<FederationNode>, FederationNode> starter;

  private TestTree() {}

  static TestTree start(TestPki pki, RunningNodes running) {
    return start(pki, running, (keys, parent) -> running.start(keys, parent));
  }

  /** The same tree, every node reporting itself up every {@code every}. */
  static TestTree reporting(TestPki pki, RunningNodes running, java.time.Duration every) {
    return start(pki, running, (keys, parent) -> running.add(TestNodes.reporting(keys, parent, every)));
  }

  private static TestTree start(TestPki pki, RunningNodes running,
      java.util.function.BiFunction<NodeKeyMaterial, Optional<FederationNode>, FederationNode> starter) {
    TestTree tree = new TestTree();
    tree.starter = starter;
    tree.add(pki.node("cn", ""), Optional.empty());
    tree.add(pki.node("bj", "1101"), Optional.of("cn"));
    tree.add(pki.node("sh", "3101"), Optional.of("cn"));
    tree.add(pki.node(pki.caOf("bj"), "bj-chaoyang", "110105"), Optional.of("bj"));
    tree.add(pki.node(pki.caOf("bj"), "bj-dongcheng", "110101"), Optional.of("bj"));
    tree.add(pki.node(pki.caOf("sh"), "sh-huangpu", "310101"), Optional.of("sh"));
    return tree;
  }

  private void add(NodeKeyMaterial material, Optional<String> parent) {
    keys.put(material.nodeId(), material);
    nodes.put(material.nodeId(), starter.apply(material, parent.map(nodes::get)));
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
