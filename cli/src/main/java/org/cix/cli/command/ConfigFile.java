package org.cix.cli.command;

/**
 * Where a command finds the node's YAML file: {@code --config FILE}, else the {@code CIX_CONFIG}
 * environment variable (or system property), else {@value #STANDARD}.
 */
final class ConfigFile {
  static final String STANDARD = "/etc/cix/node.yaml";
  static final String DEFAULT = "${CIX_CONFIG:-" + STANDARD + "}";
  static final String HELP = "The node's YAML file (default: $CIX_CONFIG, else " + STANDARD + ").";

  private ConfigFile() {}
}
