package org.cix.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.cix.cli.Cix;
import org.cix.storage.LocalPostgres;
import org.cix.storage.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node process storing in a real PostgreSQL server: schema migration by command (idempotent),
 * ingest, status, restart, the data still there; then moved to H2 by export and import.
 */
@Timeout(180)
class PostgresNodeTest {
  @TempDir Path dir;
  private NodeProcess node;

  @AfterEach
  void stop() throws InterruptedException {
    if (node != null && node.isAlive()) {
      node.stop(30);
    }
  }

  private NodeProcess start(Path config) {
    return start(config, dir.resolve("data"));
  }

  private NodeProcess start(Path config, Path dataDir) {
    NodeProcess started;
    try {
      started = NodeProcess.start(new DemoNode("bj", "1101", Optional.empty()), config,
          dir.resolve("node-" + System.nanoTime() + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> started.runFile(dataDir).isPresent());
    return started;
  }

  @Test
  void nodeOnPostgres_migrates_ingests_keepsItsRecordsAcrossARestart_andMovesToH2() throws Exception {
    String url = TestDatabases.server().createDatabase("node_" + ProcessHandle.current().pid());
    Cix.run("ca", "init", "--out", dir.resolve("root").toString(), "--name", "Root");
    Cix.run("node", "init", "--id", "bj", "--jurisdiction", "1101", "--ca", dir.resolve("root").toString(),
        "--out", dir.resolve("keys").toString());
    Path config = dir.resolve("node.yaml");
    Files.writeString(config, "node:\n  keys: keys\n  data: data\nlisten:\n  host: 127.0.0.1\n  port: 0\nreports:\n  enabled: false\n"
        + "storage:\n  engine: postgres\n  url: " + url + "\n  user: " + LocalPostgres.USER + "\n");
    Path export = dir.resolve("penalties.csv");
    Cix.run("generate", "--rows", "500", "--district", "110105", "--defects", "0", "--out", export.toString());

    assertThat(Cix.run("node", "migrate", "--config", config.toString()))
        .containsPattern(java.util.regex.Pattern.quote("postgres " + url + " as cix: schema at version ")
            + "(\\d+) \\(\\1 migrations applied now\\)");
    assertThat(Cix.run("node", "migrate", "--config", config.toString())).contains("(0 migrations applied now)");

    node = start(config);
    Cix.registerDepartment(config, "110105");
    assertThat(Cix.run("ingest", "--config", config.toString(), "--mapping", export + ".mapping.yaml",
        export.toString())).contains("500 rows: 500 new");
    assertThat(node.stop(30)).isZero();
    node = start(config);

    String status = Cix.run("status", "--config", config.toString());
    assertThat(status).as("and the registration of their department")
        .containsPattern("records\\s+501 \\(501 versions\\), 0 quarantined");

    // move the node to H2: stop, export, point the configuration at H2, import, start
    assertThat(node.stop(30)).isZero();
    Path moved = dir.resolve("bj.cixexport");
    assertThat(Cix.run("node", "export", "--config", config.toString(), "--out", moved.toString()))
        .containsPattern("record_version\\s+501 rows").contains("exported postgres " + url);
    Path h2Config = dir.resolve("node-h2.yaml");
    Files.writeString(h2Config, "node:\n  keys: keys\n  data: data-h2\nlisten:\n  host: 127.0.0.1\n  port: 0\n");
    assertThat(Cix.run("node", "import", "--config", h2Config.toString(), moved.toString()))
        .contains("counts and versions digest").contains("match the export");
    assertThat(Cix.run(1, "node", "import", "--config", h2Config.toString(), moved.toString()))
        .contains("the target database is not empty");
    node = start(h2Config, dir.resolve("data-h2"));
    assertThat(Cix.run("status", "--config", h2Config.toString()))
        .containsPattern("records\\s+501 \\(501 versions\\), 0 quarantined");
  }
}
