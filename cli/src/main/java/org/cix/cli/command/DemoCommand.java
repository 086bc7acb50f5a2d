package org.cix.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.cix.cli.demo.DemoFederation;
import org.cix.crypto.pem.StagedDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cix demo}: a 7-node federation on loopback. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run a demo federation on loopback: a national node, 2 cities, 2 districts under each, "
        + "each its own process with real mutual TLS; show the tree and stop.")
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Keep keys, configuration, data and logs in this new directory (default: a temporary one, "
          + "removed after a successful run).")
  Path dir;

  @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for all links (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws IOException, InterruptedException {
    boolean temporary = dir == null;
    Path work = temporary ? Files.createTempDirectory("cix-demo-") : dir;
    if (!temporary && Files.exists(work) && !isEmptyDirectory(work)) {
      throw new IllegalArgumentException(work + " exists and is not empty; choose a new --dir");
    }
    boolean ok = new DemoFederation(work, spec.commandLine().getOut(), Duration.ofSeconds(timeoutSeconds)).run();
    if (ok && temporary) {
      StagedDirectory.deleteRecursively(work);
    } else {
      spec.commandLine().getOut().println("demo files kept in " + work);
    }
    return ok ? 0 : 1;
  }

  private static boolean isEmptyDirectory(Path path) throws IOException {
    try (Stream<Path> entries = Files.list(path)) {
      return entries.findAny().isEmpty();
    }
  }

}
