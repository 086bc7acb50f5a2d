package org.cix.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cix.cli.Cix;
import org.cix.cli.Main;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of {@code cix package export} while it writes, and of the node while it builds a
 * package: the target is either absent or a complete package that verifies, never half of one;
 * the node serves the next export.
 */
@Timeout(300)
class PackageCrashTest extends NodeProcessTest {
  static final Fault KILL_DURING_EXPORT = new Fault(
      "kill -9 of `cix package export` at a random moment while it asks for and writes a package",
      "the target file is absent or a complete package that verifies, never half of one; the next export to the "
          + "same file succeeds");
  static final Fault KILL_NODE_DURING_EXPORT = new Fault(
      "kill -9 of the node while it builds a credit package for `cix package export`",
      "the export fails (exit 1) saying it lost the node, leaving no target file (and the node no temporary "
          + "file), or it had finished and its package verifies; after a restart the node exports it whole");
  private static final int ROUNDS = 6;

  @Test
  void killedExports_leaveNoHalfPackage() throws Exception {
    Cix.run(0, "ca", "init", "--out", dir.resolve("root").toString(), "--name", "Root");
    Cix.run(0, "node", "init", "--id", "sh-huangpu", "--jurisdiction", "310101", "--ca",
        dir.resolve("root").toString(), "--out", dir.resolve("keys").toString());
    Path config = dir.resolve("node.yaml");
    Files.writeString(config, "node:\n  keys: keys\n  data: data\nlisten:\n  host: 127.0.0.1\n  port: 0\n"
        + "reports:\n  enabled: false\n");
    Path export = dir.resolve("penalties.csv");
    Cix.run(0, "generate", "--rows", "20000", "--district", "310101", "--defects", "0", "--seed", "5", "--out",
        export.toString());
    node = start(config);
    Cix.registerDepartment(config, "310101");
    Cix.run(0, "ingest", "--config", config.toString(), "--mapping", export + ".mapping.yaml", export.toString());

    long started = System.nanoTime();
    Process whole = exportProcess(config, dir.resolve("whole.zip"));
    assertThat(whole.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(whole.exitValue()).isZero();
    long wholeMillis = (System.nanoTime() - started) / 1_000_000;
    assertVerifies(dir.resolve("whole.zip"));

    Random random = new Random(11);
    Path target = dir.resolve("industry.zip");
    int complete = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Process exporting = exportProcess(config, target);
      // the fault: the kill lands at a random moment of the export (JVM start included)
      Thread.sleep(random.nextInt((int) wholeMillis));
      exporting.destroyForcibly();
      assertThat(exporting.waitFor(10, TimeUnit.SECONDS)).isTrue();
      KILL_DURING_EXPORT.inflicted();
      if (Files.exists(target)) {
        assertVerifies(target);
        complete++;
        Files.delete(target);
      }
    }
    Process again = exportProcess(config, target);
    assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(again.exitValue()).as("an export after the killed ones, over their .partial").isZero();
    assertVerifies(target);
    System.out.printf("%d of %d killed exports had finished; the others left no package%n", complete, ROUNDS);

    Path cut = dir.resolve("cut.zip");
    List<Path> temporaryBefore = nodeTemporaryFiles();
    Process cutShort = exportProcess(config, cut);
    Thread.sleep(random.nextInt((int) wholeMillis / 2) + wholeMillis / 4);
    node.kill();
    KILL_NODE_DURING_EXPORT.inflicted();
    assertThat(cutShort.waitFor(60, TimeUnit.SECONDS)).isTrue();
    if (cutShort.exitValue() == 0) {
      assertVerifies(cut);
    } else {
      assertThat(Files.readString(dir.resolve("cut.zip.out")))
          .startsWith("cix: lost the connection to the node on admin port ");
      assertThat(cut).as("nothing half-written").doesNotExist();
    }
    assertThat(nodeTemporaryFiles()).as("the killed node's temporary package file").isEqualTo(temporaryBefore);
    node = start(config);
    Files.deleteIfExists(cut);
    Process afterRestart = exportProcess(config, cut);
    assertThat(afterRestart.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(afterRestart.exitValue()).isZero();
    assertVerifies(cut);
  }

  private NodeProcess start(Path config) throws java.io.IOException {
    NodeProcess started = NodeProcess.start(new DemoNode("sh-huangpu", "310101", Optional.empty()), config,
        dir.resolve("node-" + System.nanoTime() + ".log"), NodeProcess.INGEST_HEAP_MIB);
    await().atMost(Duration.ofSeconds(60)).until(() -> started.runFile(dir.resolve("data")).isPresent());
    return started;
  }

  /** The packages being built in the temporary directory the node shares with this JVM. */
  private static List<Path> nodeTemporaryFiles() throws java.io.IOException {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("cix-package-")).sorted().toList();
    }
  }

  /** {@code cix package export} of the district's industry F as its own process; output in FILE.out. */
  private Process exportProcess(Path config, Path out) throws java.io.IOException {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "package", "export", "--config",
        config.toString(), "--industry", "F", "--region", "310101", "--purpose", "行业监管", "--out", out.toString());
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(new File(out + ".out")).start();
  }

  private void assertVerifies(Path file) {
    assertThat(Cix.run(0, "package", "verify", file.toString(), "--root",
        dir.resolve("root").resolve("root.crt").toString())).contains("package VERIFIED");
  }
}
