package org.cix.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cix.cli.Cix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/departments.md's examples, run as printed by bash (cix as the CLI of this build, curl as
 * installed) against a district node with the department API: only the HTTP port is changed to the
 * one the node took.
 */
@Timeout(180)
class DepartmentsDocTest {
  private static final Path DOC = Path.of("..", "docs", "departments.md");
  private static final String PRINTED_PORT = "localhost:7444";

  @TempDir Path dir;
  private NodeProcess node;

  @AfterEach
  void stopNode() throws InterruptedException {
    if (node != null && node.isAlive()) {
      node.stop(10);
    }
  }

  @Test
  void theExamplesWorkAsPrinted() throws Exception {
    Path config = dir.resolve("sh-huangpu.yaml");
    node = DocExamples.startNode(dir, "sh-huangpu", "310101", config,
        "department-api:\n  host: 127.0.0.1\n  port: 0\n  http-port: 0\n  names: [localhost]\n");
    int port = node.runFile(dir.resolve("data")).orElseThrow().departmentHttpPort();
    assertThat(port).isPositive();

    String examples = DocExamples.blocks(DOC, "## Examples");
    assertThat(examples).contains(PRINTED_PORT).contains("cix account add");
    Path work = Files.createDirectories(dir.resolve("work"));
    String printed = DocExamples.run(work, "export CIX_CONFIG='" + config + "'",
        examples.replace(PRINTED_PORT, "localhost:" + port));

    assertThat(printed).as("the receipt").contains("\"account\": \"huangpu-market-system\"")
        .contains("\"finished\": true").containsPattern("\"created\": \"1\\d\\d\"")
        .contains("\"code\": \"bad_check_digit\"");
    assertThat(printed).as("the check").contains("\"decision\": \"DECISION_NONE\"");
    assertThat(printed).as("the refusal, as the doc shows it").contains("403\n" + shownRefusal());
    assertThat(Cix.run("audit", "list", "--config", config.toString())).contains("account huangpu-clerk of "
        + "11310101AR4AUX7T3X").contains("account huangpu-market-system of 11310101AR4AUX7T3X");
  }

  /** The text block after the last example: what the refused submission printed. */
  private static String shownRefusal() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int text = doc.indexOf("```text\n403\n");
    return doc.substring(text + "```text\n403\n".length(), doc.indexOf("\n```", text + 8));
  }
}
