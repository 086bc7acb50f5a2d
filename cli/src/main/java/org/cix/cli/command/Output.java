package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;
import java.util.function.BiConsumer;
import picocli.CommandLine.Option;

/** {@code --json}, and an answer printed as JSON or as text (a picocli mixin). */
final class Output {
  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  <T extends MessageOrBuilder> void print(T answer, PrintWriter out, BiConsumer<T, PrintWriter> text)
      throws InvalidProtocolBufferException {
    if (json) {
      out.println(JsonFormat.printer().print(answer));
    } else {
      text.accept(answer, out);
    }
  }
}
