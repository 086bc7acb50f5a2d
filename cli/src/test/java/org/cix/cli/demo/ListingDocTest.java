package org.cix.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.cix.cli.Cix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The operator guide's "Listing and delisting an enterprise", run as printed against a district node. */
@Timeout(180)
class ListingDocTest {
  private static final Path GUIDE = Path.of("..", "docs", "operator-guide.md");

  @TempDir Path dir;
  private NodeProcess node;

  @AfterEach
  void stopNode() throws InterruptedException {
    if (node != null && node.isAlive()) {
      node.stop(10);
    }
  }

  @Test
  void anEnterpriseListedIsRestricted_andDelistedIsNot_asTheGuideShows() throws Exception {
    Cix.run("ca", "init", "--out", dir.resolve("root").toString(), "--name", "Root");
    Cix.run("node", "init", "--id", "bj-chaoyang", "--jurisdiction", "110105", "--ca", dir.resolve("root").toString(),
        "--out", dir.resolve("bj-chaoyang").toString());
    Path config = dir.resolve("node.yaml");
    Files.writeString(config, "node:\n  keys: bj-chaoyang\n  data: data\nlisten:\n  host: 127.0.0.1\n  port: 0\n");
    node = NodeProcess.start(new DemoNode("bj-chaoyang", "110105", Optional.empty()), config, dir.resolve("node.log"));
    await().atMost(Duration.ofSeconds(60)).until(() -> node.runFile(dir.resolve("data")).isPresent());

    String printed = DocExamples.run(dir, "", DocExamples.blocks(GUIDE, "### Listing and delisting an enterprise"));

    assertThat(printed).contains("listing.csv: 1 rows: 1 new, 0 updated, 0 unchanged, 0 rejected")
        .contains("delisting.csv: 1 rows: 0 new, 1 updated, 0 unchanged, 0 rejected")
        .containsPattern("decision\\s+RESTRICT")
        .containsPattern("decision\\s+NONE")
        .contains("publicity ended on 2026-06-30");
    assertThat(printed.indexOf("RESTRICT")).as("listed, then delisted").isLessThan(printed.lastIndexOf("NONE"));
  }
}
