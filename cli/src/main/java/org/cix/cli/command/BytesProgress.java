package org.cix.cli.command;

import java.io.PrintWriter;
import java.util.function.LongConsumer;

/** Bytes received so far by a long download, printed every two seconds. */
final class BytesProgress implements LongConsumer {
  private static final long EVERY_NANOS = 2_000_000_000L;
  private final PrintWriter out;
  private long lastPrinted = System.nanoTime();

  BytesProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void accept(long bytes) {
    long now = System.nanoTime();
    if (now - lastPrinted >= EVERY_NANOS) {
      lastPrinted = now;
      out.printf("  %,d bytes so far ...%n", bytes);
      out.flush();
    }
  }
}
