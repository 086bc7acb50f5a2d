package org.cix.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
    node = DocExamples.startNode(dir, "bj-chaoyang", "110105", dir.resolve("node.yaml"), "");

    String printed = DocExamples.run(dir, "", DocExamples.blocks(GUIDE, "### Listing and delisting an enterprise"));

    assertThat(printed).contains("listing.csv: 1 rows: 1 new, 0 updated, 0 unchanged, 0 rejected")
        .contains("delisting.csv: 1 rows: 0 new, 1 updated, 0 unchanged, 0 rejected")
        .containsPattern("decision\\s+RESTRICT")
        .containsPattern("decision\\s+NONE")
        .contains("publicity ended on 2026-06-30");
    assertThat(printed.indexOf("RESTRICT")).as("listed, then delisted").isLessThan(printed.lastIndexOf("NONE"));
  }
}
