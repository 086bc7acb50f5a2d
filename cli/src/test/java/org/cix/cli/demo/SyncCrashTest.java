package org.cix.cli.demo;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.cix.cli.Cix;
import org.cix.cli.node.NodeAdmin;
import org.cix.cli.node.NodeEnrolment;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.IngestProgress;
import org.cix.proto.v1.IngestStart;
import org.cix.proto.v1.NodeStatus;
import org.cix.proto.v1.SyncLink;
import org.cix.proto.v1.SyncOverview;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the receiver and then of the sender in the middle of a large transfer between two
 * node processes (real mTLS, real H2): after restarts everything arrives, exactly once, and the
 * cursors on both sides agree with the stores.
 */
@Timeout(300)
class SyncCrashTest {
  static final Fault KILL_DURING_SYNC = new Fault(
      "kill -9 of the receiving node process in the middle of a transfer, then of the sending "
          + "one",
      "after restarts every record arrives exactly once; both cursors agree with the stores");
  private static final int ROWS = 30_000;
  private static final Duration BOUND = Duration.ofSeconds(120);
  /** Kept when the test fails, so that the watcher below can print the node logs. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir;
  private NodeProcess cn;
  private NodeProcess bj;

  /** On failure, the tail of every node log goes to the test's output. */
  @RegisterExtension
  final NodeLogsOnFailure logsOnFailure = new NodeLogsOnFailure(() -> dir);

  @AfterEach
  void stopNodes() throws InterruptedException {
    for (NodeProcess node : new NodeProcess[] {cn, bj}) {
      if (node != null && node.isAlive()) {
        node.kill();
      }
    }
  }

  private NodeProcess start(String id, String jurisdiction, Path config) {
    NodeProcess started;
    try {
      started = NodeProcess.start(new DemoNode(id, jurisdiction, Optional.empty()), config,
          dir.resolve(id + "-" + System.nanoTime() + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> started.runFile(dir.resolve(id + "-data")).isPresent());
    return started;
  }

  private static Path config(Path dir, String id, int port, Optional<Integer> parentPort) throws IOException {
    Path config = dir.resolve(id + ".yaml");
    Files.writeString(config, "node:\n  keys: " + id + "-keys\n  data: " + id + "-data\n"
        + "listen:\n  host: 127.0.0.1\n  port: " + port + "\n"
        + parentPort.map(p -> "parent:\n  node-id: cn\n  address: 127.0.0.1:" + p + "\n").orElse("")
        + "reconnect:\n  initial-backoff: 100ms\n  max-backoff: 1s\n" + "reports:\n  enabled: false\n");
    return config;
  }

  @Test
  void killReceiverThenSender_midTransfer_nothingLostNothingDuplicated() throws Exception {
    KILL_DURING_SYNC.inflicted(2);
    Cix.run("ca", "init", "--out", dir.resolve("root").toString(), "--name", "Root");
    NodeEnrolment.enrol("cn", "", dir.resolve("root"), dir.resolve("cn-keys"), true, Duration.ofDays(2),
        Clock.systemUTC());
    NodeEnrolment.enrol("bj", "1101", dir.resolve("cn-keys"), dir.resolve("bj-keys"), true, Duration.ofDays(2),
        Clock.systemUTC());
    cn = start("cn", "", config(dir, "cn", 0, Optional.empty()));
    int cnPort = cn.runFile(dir.resolve("cn-data")).orElseThrow().federationPort();
    Path cnConfig = config(dir, "cn", cnPort, Optional.empty());
    cn.kill();
    Path bjConfig = config(dir, "bj", 0, Optional.of(cnPort));
    bj = start("bj", "1101", bjConfig);
    Path export = dir.resolve("penalties.csv");
    Cix.run("generate", "--rows", Integer.toString(ROWS), "--district", "110105", "--defects", "0", "--out",
        export.toString());
    Cix.registerDepartment(bjConfig, "110105");
    assertThat(ingest(bjConfig, export).getCreated()).isEqualTo(ROWS);

    cn = start("cn", "", cnConfig);
    await().atMost(BOUND).pollInterval(Duration.ofMillis(20)).until(() -> status(cnConfig).getRecords() > 0);
    cn.kill();
    long atReceiverKill = recordsAfterRestart(cnConfig);
    assertThat(atReceiverKill).as("the receiver was killed mid-transfer").isLessThan(ROWS);

    await().atMost(BOUND).pollInterval(Duration.ofMillis(20))
        .until(() -> status(cnConfig).getRecords() > atReceiverKill);
    bj.kill();
    long atSenderKill = status(cnConfig).getRecords();
    bj = start("bj", "1101", bjConfig);

    // the penalties and the registration of their department
    await().atMost(BOUND).untilAsserted(() -> assertThat(status(cnConfig).getRecords()).isEqualTo(ROWS + 1));
    NodeStatus national = status(cnConfig);
    assertThat(national.getRecordVersions()).as("no duplicates").isEqualTo(ROWS + 1);
    assertThat(national.getQuarantined()).isZero();
    assertThat(atSenderKill).as("the sender was killed in the middle of the transfer").isLessThan(ROWS);
    await().atMost(BOUND).untilAsserted(() -> {
      SyncOverview sender = sync(bjConfig);
      SyncOverview receiver = sync(cnConfig);
      assertThat(link(sender, "cn").getSentAcked()).isEqualTo(sender.getHead());
      assertThat(link(receiver, "bj").getReceived()).isEqualTo(sender.getHead());
    });
  }

  private long recordsAfterRestart(Path cnConfig) {
    cn = start("cn", "", cnConfig);
    return status(cnConfig).getRecords();
  }

  private static SyncLink link(SyncOverview overview, String peer) {
    return overview.getLinksList().stream().filter(l -> l.getPeerNodeId().equals(peer)).findFirst().orElseThrow();
  }

  private static IngestProgress ingest(Path config, Path export) throws IOException {
    String mapping = Files.readString(Path.of(export + ".mapping.yaml"), StandardCharsets.UTF_8);
    try (AdminClient client = NodeAdmin.connect(config, Duration.ofSeconds(10));
        InputStream in = Files.newInputStream(export)) {
      return client.ingest(IngestStart.newBuilder().setFileName(export.getFileName().toString())
          .setMappingName("mapping").setMappingYaml(mapping).build(), in, r -> { }, p -> { }, Duration.ofMinutes(3));
    }
  }

  private static NodeStatus status(Path config) {
    try (AdminClient client = NodeAdmin.connect(config, Duration.ofSeconds(10))) {
      return client.status();
    }
  }

  private static SyncOverview sync(Path config) {
    try (AdminClient client = NodeAdmin.connect(config, Duration.ofSeconds(10))) {
      return client.syncStatus();
    }
  }
}
