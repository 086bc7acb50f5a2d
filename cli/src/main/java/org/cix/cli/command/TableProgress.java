package org.cix.cli.command;

import java.io.PrintWriter;
import org.cix.storage.NodeTransfer;

/** Node export and import as they go: each table when done, a long one's rows so far every few seconds. */
final class TableProgress implements NodeTransfer.Progress {
  private static final long EVERY_NANOS = 2_000_000_000L;
  private final PrintWriter out;
  private long lastPrinted = System.nanoTime();

  TableProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void rows(String table, long soFar) {
    long now = System.nanoTime();
    if (now - lastPrinted >= EVERY_NANOS) {
      lastPrinted = now;
      out.printf("  %-20s %,d rows so far ...%n", table, soFar);
      out.flush();
    }
  }

  @Override
  public void table(String name, long rows) {
    out.printf("  %-20s %,d rows%n", name, rows);
    out.flush();
  }
}
