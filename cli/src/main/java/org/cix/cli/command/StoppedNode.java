package org.cix.cli.command;

import java.nio.file.Path;
import org.cix.cli.config.ConfigLoader;
import org.cix.cli.config.NodeConfig;
import org.cix.cli.node.RunFile;
import picocli.CommandLine.Option;

/**
 * {@code --config} of a command that works on a stopped node's own files (its database), and the
 * check that it is stopped (a picocli mixin; {@link RunningNode} is the running node's).
 */
final class StoppedNode {
  @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigFile.DEFAULT,
      description = ConfigFile.HELP)
  Path config;

  /** The node's configuration, once it is known to be stopped; {@code doing}: "export it", for the refusal. */
  NodeConfig load(String doing) {
    NodeConfig node = ConfigLoader.load(config);
    RunFile.requireStopped(node.dataDir(), doing);
    return node;
  }
}
