package org.cix.cli.demo;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.cix.cli.Cix;
import org.cix.cli.node.NodeAdmin;
import org.cix.core.error.CixException;
import org.cix.core.node.NodeServices;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.IngestProgress;
import org.cix.proto.v1.IngestStart;
import org.cix.proto.v1.NodeStatus;
import org.cix.storage.Database;
import org.cix.storage.StorageKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of a node in the middle of an ingest: what the node acknowledged as stored is still
 * there after a restart, the store holds whole batches only, and running the file again
 * completes it without a duplicate.
 */
@Timeout(240)
class CrashRecoveryTest extends NodeProcessTest {
  static final Fault KILL_DURING_INGEST = new Fault(
      "kill -9 of a node process in the middle of an ingest (H2), with the change-log followers "
          + "reading beside the writer",
      "acknowledged batches are on disk, whole batches only; re-running the file completes it "
          + "without duplicates (H2 2.5.252, no longer used, once lost an acknowledged batch here)");
  private static final int ROWS = 4 * NodeServices.INGEST_BATCH.rows();
  private NodeProcess start(Path config) {
    NodeProcess started;
    try {
      started = NodeProcess.start(new DemoNode("sh-huangpu", "310101", Optional.empty()), config,
          dir.resolve("node-" + System.nanoTime() + ".log"), NodeProcess.INGEST_HEAP_MIB);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> started.runFile(dir.resolve("data")).isPresent());
    return started;
  }

  @Test
  void killDuringIngest_keepsAcknowledgedWholeBatches_andARerunCompletesWithoutDuplicates() throws Exception {
    KILL_DURING_INGEST.inflicted();
    Cix.run("ca", "init", "--out", dir.resolve("root").toString(), "--name", "Root");
    Cix.run("node", "init", "--id", "sh-huangpu", "--jurisdiction", "310101", "--ca", dir.resolve("root").toString(),
        "--out", dir.resolve("keys").toString());
    Path config = dir.resolve("node.yaml");
    Files.writeString(config, "node:\n  keys: keys\n  data: data\nlisten:\n  host: 127.0.0.1\n  port: 0\nreports:\n  enabled: false\n");
    Path export = dir.resolve("penalties.csv");
    Cix.run("generate", "--rows", Integer.toString(ROWS), "--district", "310101", "--defects", "0", "--out",
        export.toString());
    String mapping = Files.readString(Path.of(export + ".mapping.yaml"), StandardCharsets.UTF_8);

    node = start(config);
    Cix.registerDepartment(config, "310101");
    AtomicLong acknowledged = new AtomicLong();
    CompletableFuture<Void> firstBatchStored = new CompletableFuture<>();
    CompletableFuture<IngestProgress> ingest = CompletableFuture.supplyAsync(() -> {
      try (AdminClient client = NodeAdmin.connect(config, Duration.ofSeconds(10));
          InputStream in = Files.newInputStream(export)) {
        return client.ingest(start(export, mapping), in, reject -> { }, progress -> {
          acknowledged.set(progress.getStored());
          if (progress.getStored() > 0) {
            firstBatchStored.complete(null);
          }
        }, Duration.ofMinutes(3));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    ingest.whenComplete((progress, failure) -> firstBatchStored.completeExceptionally(
        failure != null ? failure : new AssertionError("the ingest ended before the kill: " + progress)));
    firstBatchStored.get(120, java.util.concurrent.TimeUnit.SECONDS);
    node.kill();
    assertThat(ingest).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(CixException.class);

    assertThat(sealsMissingLeaves(dir.resolve("data"), dir.resolve("keys"))).as("whole batches only").isZero();
    node = start(config);
    NodeStatus afterCrash = status(config);
    long penalties = afterCrash.getRecords() - 1; // and the registration of their department
    assertThat(penalties).as("acknowledged means durable").isGreaterThanOrEqualTo(acknowledged.get());
    assertThat(penalties).isLessThan(ROWS);

    IngestProgress rerun;
    try (AdminClient client = NodeAdmin.connect(config, Duration.ofSeconds(10));
        InputStream in = Files.newInputStream(export)) {
      rerun = client.ingest(start(export, mapping), in, reject -> { }, progress -> { }, Duration.ofMinutes(3));
    }
    assertThat(rerun.getUnchanged()).isEqualTo(penalties);
    assertThat(rerun.getCreated()).isEqualTo(ROWS - penalties);
    NodeStatus done = status(config);
    assertThat(done.getRecords()).isEqualTo(ROWS + 1);
    assertThat(done.getRecordVersions()).as("no duplicate versions").isEqualTo(ROWS + 1);
  }

  /** Seals of the stopped node in {@code data} (its key in {@code keys}) that have fewer (or more) versions stored than they sealed. */
  private static long sealsMissingLeaves(Path data, Path keys) throws SQLException {
    try (Database database = Database.openH2(data, StorageKey.read(keys));
        Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM seal s WHERE s.leaf_count <> "
            + "(SELECT COUNT(*) FROM record_version v WHERE v.seal_id = s.seal_id)")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static IngestStart start(Path export, String mapping) {
    return IngestStart.newBuilder().setFileName(export.getFileName().toString()).setMappingName("mapping")
        .setMappingYaml(mapping).build();
  }

  private static NodeStatus status(Path config) {
    try (AdminClient client = NodeAdmin.connect(config, Duration.ofSeconds(10))) {
      return client.status();
    }
  }
}
