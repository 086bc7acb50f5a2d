package org.cix.cli.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.cix.cli.node.NodeAdmin;
import org.cix.federation.admin.AdminClient;
import picocli.CommandLine.Option;

/** {@code --config} of a command that asks a running node, and the call it makes (a picocli mixin). */
final class RunningNode {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  /**
   * The operating-system user running cix: sent with the calls that are audited, which the node
   * records as the operator's (the admin token's holder); departments act under accounts instead.
   */
  static final String USER = System.getProperty("user.name", "unknown");

  @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigFile.DEFAULT,
      description = ConfigFile.HELP)
  Path config;

  /** Connects to the node, makes {@code call} and disconnects. */
  <T> T ask(Function<AdminClient, T> call) {
    try (AdminClient client = NodeAdmin.connect(config, DEADLINE)) {
      return call.apply(client);
    }
  }
}
