package org.cix.cli.node;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.cix.core.error.CixException;

/**
 * {@code node.run} in the data directory: written (atomically) once a node listens, removed when
 * it stops. It tells the CLI on the same machine which ports the node took (port 0 in the
 * configuration means "any free port"); -1 for the department API's ports when it is off.
 */
public record RunFile(String nodeId, long pid, int federationPort, int adminPort, int departmentPort,
    int departmentHttpPort) {
  public static final String NAME = "node.run";

  public static Path in(Path dataDir) {
    return dataDir.resolve(NAME);
  }

  public void write(Path dataDir) {
    Properties p = new Properties();
    p.setProperty("node-id", nodeId);
    p.setProperty("pid", Long.toString(pid));
    p.setProperty("federation-port", Integer.toString(federationPort));
    p.setProperty("admin-port", Integer.toString(adminPort));
    p.setProperty("department-port", Integer.toString(departmentPort));
    p.setProperty("department-http-port", Integer.toString(departmentHttpPort));
    StringWriter out = new StringWriter();
    try {
      p.store(out, "written by cix node start; removed at a clean stop");
      Path tmp = dataDir.resolve(NAME + ".tmp");
      Files.writeString(tmp, out.toString(), StandardCharsets.UTF_8);
      Files.move(tmp, in(dataDir), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + in(dataDir) + ": " + e.getMessage(), e);
    }
  }

  public static Optional<RunFile> read(Path dataDir) {
    Path file = in(dataDir);
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(reader);
      return Optional.of(new RunFile(p.getProperty("node-id"), Long.parseLong(p.getProperty("pid")),
          Integer.parseInt(p.getProperty("federation-port")), Integer.parseInt(p.getProperty("admin-port")),
          Integer.parseInt(p.getProperty("department-port", "-1")),
          Integer.parseInt(p.getProperty("department-http-port", "-1"))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw CixException.invalidInput(file + ": unreadable run file (" + e.getMessage() + ")");
    }
  }

  /** The run file of a node that is running now, or a clear error. */
  public static RunFile requireRunning(Path dataDir) {
    RunFile run = read(dataDir).orElseThrow(() -> new CixException(CixException.Kind.UNAVAILABLE,
        "node is not running (no " + in(dataDir) + "); start it with: cix node start --config FILE"));
    if (run.alive()) {
      return run;
    }
    throw new CixException(CixException.Kind.UNAVAILABLE,
        "node " + run.nodeId() + " is not running (process " + run.pid() + " is gone; stale " + in(dataDir) + ")");
  }

  /**
   * Refuses {@code what} (a command that needs the node stopped) while the node of {@code dataDir}
   * runs, saying so rather than that its database is in use.
   */
  public static void requireStopped(Path dataDir, String what) {
    Optional<RunFile> run = read(dataDir);
    if (run.isPresent() && run.get().alive()) {
      throw CixException.preconditionFailed("node " + run.get().nodeId() + " is running (process "
          + run.get().pid() + "): stop it first (SIGTERM), then " + what);
    }
  }

  /** True while the process this run file names is alive. */
  private boolean alive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  public static void delete(Path dataDir) {
    try {
      Files.deleteIfExists(in(dataDir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
