package org.cix.cli.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that asks a running node: its {@code --config} ({@link RunningNode}) and the writer it
 * prints to. picocli reads the annotated fields of this class for every command that extends it.
 */
abstract class NodeCall implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RunningNode node;

  /** Where the command prints (the command line's writer, which tests capture). */
  PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
