package org.cix.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.cix.cli.Cix;
import org.cix.cli.node.NodeAdmin;
import org.cix.cli.node.NodeEnrolment;
import org.cix.core.error.CixException;
import org.cix.core.synthetic.DishonestyListings;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.CorrectionInfo;
import org.cix.proto.v1.DecideCorrectionRequest;
import org.cix.proto.v1.FileCorrectionRequest;
import org.cix.proto.v1.IngestStart;
import org.cix.proto.v1.ProfileRecord;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of a node process while it decides objections: the decision (a new version of the
 * record and the decision record, one transaction) is whole or absent after a restart, never
 * half; a request left open is decided afterwards, a decided one cannot be decided twice; the
 * audit chain holds.
 */
@Timeout(300)
class DecisionCrashTest extends NodeProcessTest {
  static final Fault KILL_DURING_DECISION = new Fault(
      "kill -9 of the origin's node process 0-60 ms after it was asked to decide an objection",
      "after restart each decision is whole (decided, the record's new version there) or absent (open, the "
          + "record as before, decided afterwards); never decided twice; audit chain intact");
  private static final int KILLS = 6;
  private static final Duration BOUND = Duration.ofSeconds(60);

  @Test
  void killWhileDeciding_leavesEachDecisionWholeOrAbsent() throws Exception {
    Cix.run("ca", "init", "--out", dir.resolve("root").toString(), "--name", "Root");
    NodeEnrolment.enrol("bj-chaoyang", "110105", dir.resolve("root"), dir.resolve("keys"), false,
        Duration.ofDays(2), Clock.systemUTC());
    Path config = dir.resolve("node.yaml");
    Files.writeString(config, "node:\n  keys: keys\n  data: data\nlisten:\n  host: 127.0.0.1\n  port: 0\n"
        + "reports:\n  enabled: false\n");
    start(config);
    Cix.registerDepartment(config, "110105");
    ByteArrayOutputStream export = new ByteArrayOutputStream();
    new DishonestyListings(5, "110105").write(export, 1, KILLS);
    List<String> subjects = DishonestyListings.subjects(export.toString(java.nio.charset.StandardCharsets.UTF_8));
    try (AdminClient client = NodeAdmin.connect(config, Duration.ofSeconds(10))) {
      client.ingest(IngestStart.newBuilder().setFileName("listings.csv").setMappingName("m")
          .setMappingYaml(DishonestyListings.mapping()).build(), new ByteArrayInputStream(export.toByteArray()),
          r -> { }, p -> { }, Duration.ofMinutes(1));
    }
    List<String[]> requests = new ArrayList<>();
    try (AdminClient client = NodeAdmin.connect(config, Duration.ofSeconds(10))) {
      for (String subject : subjects) {
        String record = client.subject(subject).getRecordsList().stream().map(ProfileRecord::getRecordId)
            .findFirst().orElseThrow();
        CorrectionInfo filed = client.corrections().file(FileCorrectionRequest.newBuilder().setKind("OBJECTION")
            .setSubjectId(subject).setRecordId(record).setReason("crash test").setEvidence("-").setFiledBy("-")
            .build());
        requests.add(new String[] {filed.getId(), record});
      }
      // the origin flags its record when it reads the request from its change log
      await().atMost(BOUND).until(() -> requests.stream().allMatch(r -> client.history(r[1]).getVersionsCount() == 2));
    }

    int whole = 0;
    int absent = 0;
    for (int i = 0; i < KILLS; i++) {
      String id = requests.get(i)[0];
      String record = requests.get(i)[1];
      AdminClient client = NodeAdmin.connect(config, Duration.ofSeconds(10));
      CompletableFuture.runAsync(() -> {
        try {
          client.corrections().decide(decide(id));
        } catch (CixException e) {
          // the node died under the call
        }
      });
      Thread.sleep(i * 12L); // not waiting for anything: where in the decision the kill falls
      node.kill();
      KILL_DURING_DECISION.inflicted();
      client.close();
      start(config);
      try (AdminClient restarted = NodeAdmin.connect(config, Duration.ofSeconds(10))) {
        String state = restarted.corrections().show(id).getState();
        int versions = restarted.history(record).getVersionsCount();
        if (state.equals("UPHELD")) {
          assertThat(versions).as("a decided objection has the record's new version").isEqualTo(3);
          whole++;
        } else {
          assertThat(state).isEqualTo("OPEN");
          assertThat(versions).as("an undecided objection left the record as it was").isEqualTo(2);
          restarted.corrections().decide(decide(id));
          absent++;
        }
        assertThat(restarted.corrections().show(id).getState()).isEqualTo("UPHELD");
        assertThat(restarted.history(record).getVersionsCount()).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> restarted.corrections().decide(decide(id)))
            .as("never decided twice").isInstanceOf(CixException.class);
        assertThat(restarted.trust().verifyAudit().getIntact()).isTrue();
      }
    }
    assertThat(whole + absent).isEqualTo(KILLS);
    System.out.printf("killed while deciding: %d decisions found whole, %d absent (decided afterwards)%n", whole,
        absent);
  }

  private static DecideCorrectionRequest decide(String id) {
    return DecideCorrectionRequest.newBuilder().setId(id).setOutcome("UPHELD").setNote("crash test")
        .setDecidedBy("-").build();
  }

  private void start(Path config) {
    try {
      node = NodeProcess.start(new DemoNode("bj-chaoyang", "110105", Optional.of("x")), config,
          dir.resolve("node.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    NodeProcess started = node;
    await().atMost(BOUND).until(() -> started.runFile(dir.resolve("data")).isPresent());
  }
}
