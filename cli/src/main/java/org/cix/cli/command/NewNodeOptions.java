package org.cix.cli.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What {@code cix node init} and {@code cix node request} both ask of a new node (a picocli mixin). */
final class NewNodeOptions {
  @Option(names = "--id", required = true, description = "Node id: lower-case letters, digits and '-'.")
  String id;

  @Option(names = "--jurisdiction", required = true, paramLabel = "CODE",
      description = "GB/T 2260 code of 2, 4 or 6 digits; \"\" for the national node.")
  String jurisdiction;

  @Option(names = "--out", required = true, paramLabel = "NODE_DIR", description = "New node directory.")
  Path out;

  @Option(names = "--no-ca", description = "No CA for the node's children (there is none at district level).")
  boolean noCa;
}
