package org.cix.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cix.core.error.CixException;
import org.cix.crypto.pem.StagedDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server of its own, for tests and benchmarks: Debian's PostgreSQL binaries
 * (installed with apt when missing and allowed), a fresh cluster in a temporary directory, on a
 * free loopback port, trust authentication for the superuser {@code cix}, stopped and deleted on
 * close. Run as root, the server runs as the {@code postgres} system user, as PostgreSQL requires.
 */
public final class LocalPostgres implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
  public static final String USER = "cix";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgresUser;

  private LocalPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** Creates and starts a cluster; installs the {@code postgresql} package first when it is missing. */
  public static LocalPostgres start() {
    return start(java.util.Map.of());
  }

  /** Likewise with server settings ({@code wal_level=logical}, ...) on top of the defaults. */
  public static LocalPostgres start(java.util.Map<String, String> settings) {
    Path bin = binaries().orElseGet(() -> {
      install();
      return binaries().orElseThrow(() -> new CixException(CixException.Kind.UNAVAILABLE,
          "PostgreSQL's binaries are not in /usr/lib/postgresql/*/bin after installing the postgresql package"));
    });
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path dir = newDirectory(root);
      run(command(bin, root, "initdb", "-D", dir.resolve("data").toString(), "-U", USER, "--auth=trust", "-E", "UTF8",
          "--locale=C.UTF-8"), false);
      return launch(bin, dir, root, settings);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL: " + e.getMessage(), e);
    }
  }

  /**
   * A hot standby of this server: a base backup taken over the replication protocol
   * ({@code pg_basebackup -R}), started on a port of its own and streaming from this one.
   */
  public LocalPostgres standby() {
    try {
      Path standby = newDirectory(asPostgresUser);
      run(command(bin, asPostgresUser, "pg_basebackup", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER,
          "-D", standby.resolve("data").toString(), "-R", "-X", "stream", "-c", "fast"), false);
      return launch(bin, standby, asPostgresUser, java.util.Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a standby of PostgreSQL on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** Stops the server as a power loss would ({@code pg_ctl stop -m immediate}): no shutdown checkpoint. */
  public void crash() {
    try {
      run(command(bin, asPostgresUser, "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w",
          "stop"), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop PostgreSQL in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Makes a standby the primary ({@code pg_ctl promote}), waiting until it takes writes. */
  public void promote() {
    try {
      run(command(bin, asPostgresUser, "pg_ctl", "-D", dir.resolve("data").toString(), "-w", "promote"), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot promote PostgreSQL in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Path newDirectory(boolean root) throws IOException {
    Path dir = Files.createTempDirectory("cix-postgres-");
    if (root) {
      run(List.of("chown", "postgres:postgres", dir.toString()), false);
    }
    return dir;
  }

  /** Starts the cluster in {@code dir}/data on a free port, trying three. */
  private static LocalPostgres launch(Path bin, Path dir, boolean root, java.util.Map<String, String> settings)
      throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      LocalPostgres server = new LocalPostgres(bin, dir, port, root);
      try {
        run(command(bin, root, "pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
            "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=on"
                + options(settings), "start"), false);
        log.info("PostgreSQL started in {} on 127.0.0.1:{}", dir, port);
        return server;
      } catch (IOException e) {
        last = e;
        log.warn("PostgreSQL did not start on port {} ({}); trying another", port, e.getMessage());
      }
    }
    throw new IOException("cannot start PostgreSQL in " + dir, last);
  }

  private static String options(java.util.Map<String, String> settings) {
    StringBuilder options = new StringBuilder();
    settings.forEach((key, value) -> options.append(" -c ").append(key).append('=').append(value));
    return options.toString();
  }

  public int port() {
    return port;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates an empty database and returns its JDBC URL. */
  public String createDatabase(String name) {
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
      return jdbcUrl(name);
    } catch (SQLException e) {
      throw new CixException(CixException.Kind.UNAVAILABLE, "cannot create database " + name + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    try {
      run(command(bin, asPostgresUser, "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"),
          false);
    } catch (IOException e) {
      log.warn("PostgreSQL in {} did not stop cleanly: {}", dir, e.getMessage());
    }
    try {
      StagedDirectory.deleteRecursively(dir);
    } catch (IOException | java.io.UncheckedIOException e) {
      log.warn("cannot delete {}: {}", dir, e.getMessage());
    }
  }

  /** The newest {@code /usr/lib/postgresql/N/bin} with a {@code pg_ctl}. */
  static Optional<Path> binaries() {
    Path base = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(base)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(base)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int versionOf(String name) {
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void install() {
    if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      throw new CixException(CixException.Kind.UNAVAILABLE, "PostgreSQL is not installed; install Debian's "
          + "postgresql package (apt-get install postgresql)");
    }
    log.info("installing Debian's postgresql package (apt-get) ...");
    try {
      run(List.of("apt-get", "update", "-q"), true);
      run(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", "postgresql"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install PostgreSQL: " + e.getMessage(), e);
    }
  }

  private static List<String> command(Path bin, boolean asPostgresUser, String program, String... args) {
    List<String> command = new ArrayList<>();
    if (asPostgresUser) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    return command;
  }

  private static void run(List<String> command, boolean noninteractive) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (noninteractive) {
      builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
    }
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    try {
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": "
          + new String(output, StandardCharsets.UTF_8).strip());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
