package org.cix.federation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.federation.server.FederationNode;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The nodes a test started; closing stops those still running. Registered as a JUnit extension
 * ({@code @RegisterExtension}), it closes after each test by itself.
 */
final class RunningNodes implements AutoCloseable, AfterEachCallback {
  private final List<FederationNode> nodes = new ArrayList<>();

  /** Starts a node on port 0, linked to {@code parent}. */
  FederationNode start(NodeKeyMaterial keys, Optional<FederationNode> parent) {
    return add(TestNodes.start(keys, parent));
  }

  FederationNode add(FederationNode node) {
    nodes.add(node);
    return node;
  }

  /** Stops {@code node} now, as an operator would. */
  void stop(FederationNode node) {
    node.close();
    nodes.remove(node);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    nodes.forEach(FederationNode::close);
    nodes.clear();
  }
}
