package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import java.io.PrintWriter;
import java.util.function.BiConsumer;
import picocli.CommandLine.Mixin;

/** A command that asks a running node and prints its answer as text, or as JSON with {@code --json}. */
abstract class NodeAnswer extends NodeCall {
  @Mixin Output output;

  /** Prints {@code answer} as JSON with {@code --json}, else as {@code text} writes it. */
  <T extends MessageOrBuilder> void print(T answer, BiConsumer<T, PrintWriter> text)
      throws InvalidProtocolBufferException {
    output.print(answer, out(), text);
  }
}
