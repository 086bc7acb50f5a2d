package org.cix.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cix.cli.Main;

/**
 * The ```sh blocks of a section of the operator documentation, run by bash as printed: {@code cix}
 * is the CLI of this build (a shell function), everything else what the machine has.
 */
final class DocExamples {
  private DocExamples() {}

  /** Every ```sh block of the section under {@code heading} (to the next heading of its level), in order. */
  static String blocks(Path doc, String heading) throws IOException {
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    int start = text.indexOf("\n" + heading + "\n");
    assertThat(start).as(heading + " in " + doc).isNotNegative();
    String level = heading.substring(0, heading.indexOf(' ') + 1);
    int next = text.indexOf("\n" + level, start + heading.length() + 1);
    String section = next < 0 ? text.substring(start) : text.substring(start, next);
    List<String> blocks = new ArrayList<>();
    for (int at = section.indexOf("```sh\n"); at >= 0; at = section.indexOf("```sh\n", at + 1)) {
      blocks.add(section.substring(at + 6, section.indexOf("\n```", at + 6)));
    }
    assertThat(blocks).as("sh blocks under " + heading).isNotEmpty();
    return String.join("\n", blocks) + "\n";
  }

  /**
   * A node {@code id} of {@code jurisdiction} enrolled under a new root in {@code dir} and started as
   * its own process with {@code config} (keys in {@code dir/id}, data in {@code dir/data}) plus
   * {@code extraYaml}; answers once it listens.
   */
  static NodeProcess startNode(Path dir, String id, String jurisdiction, Path config, String extraYaml)
      throws IOException {
    org.cix.cli.Cix.run("ca", "init", "--out", dir.resolve("root").toString(), "--name", "Root");
    org.cix.cli.Cix.run("node", "init", "--id", id, "--jurisdiction", jurisdiction, "--ca",
        dir.resolve("root").toString(), "--out", dir.resolve(id).toString());
    Files.writeString(config, "node:\n  keys: " + dir.resolve(id) + "\n  data: " + dir.resolve("data")
        + "\nlisten:\n  host: 127.0.0.1\n  port: 0\n" + extraYaml);
    NodeProcess node = NodeProcess.start(new DemoNode(id, jurisdiction, java.util.Optional.empty()), config,
        dir.resolve("node.log"));
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .until(() -> node.runFile(dir.resolve("data")).isPresent());
    return node;
  }

  /**
   * Runs {@code script} in {@code dir}, {@code prelude} first, with {@code cix} on the PATH as a
   * launcher of this build (it execs java, as bin/cix does, so a background job is the node
   * itself); asserts exit 0 and returns what it printed.
   */
  static String run(Path dir, String prelude, String script) throws IOException, InterruptedException {
    Path bin = Files.createDirectories(dir.resolve(".doc-bin"));
    Path cix = bin.resolve("cix");
    Files.writeString(cix, "#!/usr/bin/env bash\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
        + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -cp '" + System.getProperty("java.class.path") + "' "
        + Main.class.getName() + " \"$@\"\n");
    cix.toFile().setExecutable(true);
    String all = "set -euo pipefail\nexport PATH='" + bin + "':\"$PATH\"\n" + prelude + "\n" + script;
    Process bash = new ProcessBuilder("bash", "-c", all).directory(dir.toFile()).redirectErrorStream(true).start();
    String printed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(150, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(printed).isZero();
    return printed;
  }
}
