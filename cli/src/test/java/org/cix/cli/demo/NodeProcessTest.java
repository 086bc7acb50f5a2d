package org.cix.cli.demo;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests that kill a node process share: a directory kept when the test fails, the node
 * logs in it printed then, and a node process that does not outlive the test.
 */
abstract class NodeProcessTest {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir;
  NodeProcess node;

  @RegisterExtension
  final NodeLogsOnFailure logsOnFailure = new NodeLogsOnFailure(() -> dir);

  @AfterEach
  void killNode() throws InterruptedException {
    if (node != null && node.isAlive()) {
      node.kill();
    }
  }
}
