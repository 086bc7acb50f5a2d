package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cix.core.node.NodeServices;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.admin.AdminClient;
import org.cix.federation.server.FederationNode;
import org.cix.proto.v1.BackupDone;
import org.cix.reliability.Fault;
import org.cix.storage.Database;
import org.cix.storage.NodeTransfer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup of a running node (issue 22): taken over the admin port while ingests go on, it is one
 * snapshot, which a new database takes back with the same counts and digest.
 */
@Timeout(120)
class OnlineBackupTest {
  static final Fault BACKUP_UNDER_LOAD = new Fault(
      "a backup taken over the admin port while ingests commit batches",
      "one consistent snapshot: restored into a new database its counts and digest match the file's; "
          + "what was committed after the snapshot is not in it");
  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();

  @Test
  void backup_whileIngestsGoOn_isOneSnapshot_thatRestoresWithTheSameCountsAndDigest() throws Exception {
    BACKUP_UNDER_LOAD.inflicted();
    NodeKeyMaterial keys = TestPki.create(dir.resolve("pki")).node("bj-chaoyang", "110105");
    FederationNode node = running.start(keys, Optional.empty());
    NodeServices services = TestNodes.services(keys);
    TestExports.listings(services, 71, "110105", 1, 500);
    long before = services.store().counts().versions();

    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger batches = new AtomicInteger();
    Thread writer = new Thread(() -> {
      for (int batch = 2; !stop.get(); batch++) {
        TestExports.listings(services, 71, "110105", batch, 20);
        batches.incrementAndGet();
      }
    });
    writer.start();
    Path file = dir.resolve("bj-chaoyang.backup");
    BackupDone done;
    try (AdminClient admin = new AdminClient(node.adminPort(), TestNodes.TOKEN, Duration.ofSeconds(30));
        OutputStream out = Files.newOutputStream(file)) {
      done = admin.backup("backup-test", out, Duration.ofMinutes(1), bytes -> { });
    } finally {
      stop.set(true);
      writer.join();
    }
    long after = services.store().counts().versions();

    assertThat(batches.get()).as("ingests went on").isPositive();
    assertThat(done.getRowsOrThrow("record_version")).isBetween(before, after);
    assertThat(done.getBytes()).isEqualTo(Files.size(file));
    try (Database restored = Database.openH2(dir.resolve("restored"));
        InputStream in = Files.newInputStream(file)) {
      NodeTransfer.Summary summary = NodeTransfer.importInto(restored, in, (table, rows) -> { });
      assertThat(summary.rows()).isEqualTo(done.getRowsMap());
      assertThat(summary.versionsSha256()).isEqualTo(done.getVersionsSha256().toByteArray());
    }
    assertThat(services.audit().after(0, 1000)).anySatisfy(e -> {
      assertThat(e.event().action()).isEqualTo("node.backup");
      assertThat(e.event().actor()).isEqualTo("operator backup-test (admin port)");
    });
  }
}
