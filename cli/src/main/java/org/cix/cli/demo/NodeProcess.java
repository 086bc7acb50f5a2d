package org.cix.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cix.cli.Main;
import org.cix.cli.node.RunFile;

/** A node running as its own JVM ({@code cix node start}), its output in a log file. */
final class NodeProcess {
  private final DemoNode node;
  private final Path log;
  private final Process process;

  private NodeProcess(DemoNode node, Path log, Process process) {
    this.node = node;
    this.log = log;
    this.process = process;
  }

  /**
   * The demo's and the soak's heap: enough for their small exports and for relaying; a node
   * ingesting 10,000-row batches needs {@link #INGEST_HEAP_MIB} (docs/operator-guide.md).
   */
  static final int HEAP_MIB = 256;
  static final int INGEST_HEAP_MIB = 512;

  static NodeProcess start(DemoNode node, Path config, Path log) throws IOException {
    return start(node, config, log, HEAP_MIB);
  }

  static NodeProcess start(DemoNode node, Path config, Path log, int heapMib) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heapMib + "m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("node");
    command.add("start");
    command.add("--config");
    command.add(config.toString());
    Files.createDirectories(log.getParent());
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    return new NodeProcess(node, log, process);
  }

  DemoNode node() {
    return node;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The run file, once the node listens; empty while it starts. */
  Optional<RunFile> runFile(Path dataDir) {
    return RunFile.read(dataDir).filter(run -> run.pid() == process.pid());
  }

  /** SIGTERM, then wait; returns the exit code, or -1 if it had to be killed. */
  int stop(long timeoutSeconds) throws InterruptedException {
    process.destroy();
    if (process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      return process.exitValue();
    }
    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    return -1;
  }

  /** SIGKILL: the process gets no chance to clean up, as in a crash or power loss. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  String tailOfLog(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
