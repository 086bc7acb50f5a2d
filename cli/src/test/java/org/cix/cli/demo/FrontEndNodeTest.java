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
import org.cix.core.synthetic.SyntheticDepartments;
import org.cix.crypto.pem.PemFiles;
import org.cix.federation.department.DepartmentClient;
import org.cix.storage.LocalPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read front end deployed as an operator would (docs/operator-guide.md): its own node directory
 * ({@code cix node init --front-end}), a configuration naming a hot standby and the writer's
 * database, {@code cix node start}; it answers checks and status and refuses writes.
 */
@Timeout(240)
class FrontEndNodeTest {
  @TempDir Path dir;
  private final java.util.List<NodeProcess> nodes = new java.util.ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (NodeProcess node : nodes) {
      if (node.isAlive()) {
        node.stop(30);
      }
    }
  }

  private void start(Path config, Path dataDir) throws IOException {
    NodeProcess started = NodeProcess.start(new DemoNode("bj", "1101", Optional.empty()), config,
        dir.resolve("node-" + System.nanoTime() + ".log"));
    nodes.add(started);
    await().atMost(Duration.ofSeconds(60)).until(() -> started.runFile(dataDir).isPresent());
  }

  @Test
  void frontEndProcess_onAStandby_answersChecks_andRefusesWrites() throws Exception {
    try (LocalPostgres primary = LocalPostgres.start()) {
      String writerUrl = primary.createDatabase("cix");
      try (LocalPostgres standby = primary.standby()) {
        Cix.run("ca", "init", "--out", dir.resolve("root").toString(), "--name", "Root");
        Cix.run("node", "init", "--id", "bj", "--jurisdiction", "1101", "--ca", dir.resolve("root").toString(),
            "--out", dir.resolve("keys").toString());
        assertThat(Cix.run("node", "init", "--id", "bj", "--jurisdiction", "1101", "--front-end", "--ca",
            dir.resolve("root").toString(), "--out", dir.resolve("keys-front").toString()))
            .contains("read front end of node bj created").contains("no sealing key");
        Path writer = dir.resolve("writer.yaml");
        Files.writeString(writer, "node: {keys: keys, data: data}\nlisten: {host: 127.0.0.1, port: 0}\n"
            + "reports: {enabled: false}\nstorage: {engine: postgres, url: \"" + writerUrl + "\", user: "
            + LocalPostgres.USER + "}\n");
        Path front = dir.resolve("front.yaml");
        Files.writeString(front, "node: {keys: keys-front, data: data-front}\nlisten: {host: 127.0.0.1, port: 0}\n"
            + "storage: {engine: postgres, url: \"" + standby.jdbcUrl("cix") + "\", user: " + LocalPostgres.USER
            + "}\nfront-end:\n  max-lag: 30s\n  writer-database: {url: \"" + writerUrl + "\", user: "
            + LocalPostgres.USER + "}\ndepartment-api: {host: 127.0.0.1, port: 0, http: false, names: [localhost]}\n");
        Path export = dir.resolve("penalties.csv");
        Cix.run("generate", "--rows", "300", "--district", "110105", "--defects", "0", "--out", export.toString());

        start(writer, dir.resolve("data"));
        Cix.registerDepartment(writer, "110105");
        assertThat(Cix.run("ingest", "--config", writer.toString(), "--mapping", export + ".mapping.yaml",
            export.toString())).contains("300 rows: 300 new");
        assertThat(Cix.run(1, "node", "migrate", "--config", front.toString()))
            .contains("configures a read front end");
        // the department API of the front end: the writer's account CA's certificate and a server certificate
        assertThat(Cix.run("account", "server-cert", "--config", writer.toString(), "--names", "localhost", "--out",
            dir.resolve("keys-front").resolve("accounts").toString())).contains("server.key (owner-only)");
        assertThat(dir.resolve("keys-front").resolve("accounts").resolve("ca.key")).as("the CA's key stays")
            .doesNotExist();
        String checker = SyntheticDepartments.uscc("110105", SyntheticDepartments.Kind.MARKET_REGULATION);
        Cix.run("account", "add", "procurement-system", "--config", writer.toString(), "--department", checker,
            "--roles", "checker", "--certificate-out", dir.resolve("system").toString());
        start(front, dir.resolve("data-front"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Cix.run("status", "--config",
            front.toString())).containsPattern("records\\s+301 \\(301 versions\\)")
            .containsPattern("front end\\s+read only, \\d+ ms behind its writer \\(at most 30000 ms\\): answering"));
        String subject = Files.readAllLines(export).get(1).split(",")[2];
        assertThat(Cix.run("check", "--config", front.toString(), "--action", "public-procurement.bid", subject))
            .contains(subject);
        assertThat(Cix.run(1, "ingest", "--config", front.toString(), "--mapping", export + ".mapping.yaml",
            export.toString())).contains("read front end of node bj").contains("send Ingest to the node's writer");
        assertThat(Cix.run("audit", "list", "--config", writer.toString())).as("the front end's check, at the writer")
            .contains("check").contains(subject);

        int departmentPort = nodes.get(1).runFile(dir.resolve("data-front")).orElseThrow().departmentPort();
        try (DepartmentClient system = new DepartmentClient("localhost", departmentPort,
            PemFiles.readCertificates(dir.resolve("system").resolve("ca.crt")).get(0),
            Optional.of(new DepartmentClient.ClientCertificate(PemFiles.readKeyAndChain(dir.resolve("system")
                .resolve("procurement-system.key"), dir.resolve("system").resolve("procurement-system.crt")).key(),
                PemFiles.readCertificates(dir.resolve("system").resolve("procurement-system.crt")).get(0))),
            Duration.ofSeconds(30))) {
          assertThat(system.check(subject, "public-procurement.bid", "投标资格审查").getSubjectId())
              .as("a system's account, made at the writer, checks at the front end").isEqualTo(subject);
        }
      }
    }
  }
}
