package org.cix.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process that commits durably while two other threads write without pause: every
 * batch it acknowledged is there after the restart, and the file opens. H2 2.5.252 failed this:
 * a program of the same shape lost an acknowledged batch in 2-4 of 30 kills and left files H2
 * could not open ("Chunk N not found", a stack overflow reading chunk metadata); the version
 * the build pins (see the root pom) is the one that passed (docs/reliability.md).
 */
@Timeout(300)
class H2CrashDurabilityTest {
  static final Fault KILL_DURING_DURABLE_COMMITS = new Fault(
      "kill -9 of a process committing batches durably (transaction, then CHECKPOINT SYNC) on H2 while two "
          + "other threads write without pause",
      "every acknowledged batch is there after the restart; the file opens");
  private static final int KILLS = 15;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedBatch_survivesKillDashNine() throws Exception {
    Random random = new Random(7);
    Path data = dir.resolve("data");
    for (int round = 0; round < KILLS; round++) {
      Path out = dir.resolve("out-" + round + ".txt");
      Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-cp", System.getProperty("java.class.path"), H2CrashWriter.class.getName(), data.toString())
          .redirectOutput(out.toFile()).redirectError(new File("/dev/null")).start();
      await().atMost(Duration.ofSeconds(60)).until(() -> !Files.readAllLines(out).isEmpty());
      // the fault: the kill lands at a random moment of the writing (and of H2's background work)
      Thread.sleep(500 + random.nextInt(2500));
      writer.destroyForcibly();
      assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
      KILL_DURING_DURABLE_COMMITS.inflicted();
      List<String> acknowledged = Files.readAllLines(out);
      long last = Long.parseLong(acknowledged.get(acknowledged.size() - 1).trim());
      try (Database database = Database.openH2(data);
          Connection c = database.dataSource().getConnection();
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM crash_acked")) {
        r.next();
        assertThat(r.getLong(1)).as("round %d: acknowledged up to %d", round, last).isGreaterThanOrEqualTo(last);
      }
    }
  }
}
