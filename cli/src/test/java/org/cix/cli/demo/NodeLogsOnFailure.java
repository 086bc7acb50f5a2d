package org.cix.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * On a failed test, the tail of every node log in the test's directory goes to the test's output
 * (its report), and the logs are copied to {@code target/failed-node-logs}, since they go with
 * the temporary directory (and a rerun overwrites the output). The directory must be kept on
 * failure ({@code @TempDir(cleanup = CleanupMode.ON_SUCCESS)}).
 */
final class NodeLogsOnFailure implements TestWatcher {
  private final Supplier<Path> dir;

  NodeLogsOnFailure(Supplier<Path> dir) {
    this.dir = dir;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Path kept = Path.of("target", "failed-node-logs", context.getRequiredTestClass().getSimpleName() + "-"
        + System.currentTimeMillis());
    try (var logs = Files.list(dir.get())) {
      Files.createDirectories(kept);
      for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        Files.copy(log, kept.resolve(log.getFileName()));
        List<String> lines = Files.readAllLines(log);
        System.out.println("==== " + log.getFileName() + " (last 80 lines)");
        lines.subList(Math.max(0, lines.size() - 80), lines.size()).forEach(System.out::println);
      }
    } catch (IOException e) {
      System.out.println("cannot read the node logs: " + e);
    }
  }
}
