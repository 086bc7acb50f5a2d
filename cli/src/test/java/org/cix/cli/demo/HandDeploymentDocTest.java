package org.cix.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator guide's "A trial on one host", run as printed from a copy of the shipped conf/:
 * three nodes from the example configurations, an export ingested at the district reaching the
 * national node, every node stopped by SIGTERM. Only the fixed ports of the examples are changed
 * to free ones on loopback.
 */
@Timeout(240)
class HandDeploymentDocTest {
  private static final Path GUIDE = Path.of("..", "docs", "operator-guide.md");
  private static final Path CONF = Path.of("..", "conf");

  @TempDir Path dir;

  @Test
  void threeNodesFromTheShippedConfigurations_asTheGuidePrintsIt() throws Exception {
    copy(CONF, dir.resolve("conf"));
    for (String file : new String[] {"national.yaml", "city-beijing.yaml", "district-chaoyang.yaml"}) {
      Path yaml = dir.resolve("conf").resolve(file);
      String text = Files.readString(yaml, StandardCharsets.UTF_8).replace("host: 0.0.0.0", "host: 127.0.0.1");
      for (String port : new String[] {"7400", "7401", "7410", "7411", "7420"}) {
        text = text.replace(":" + port + "\n", ":" + free(port) + "\n").replace("port: " + port, "port: " + free(port));
      }
      Files.writeString(yaml, text, StandardCharsets.UTF_8);
    }

    String printed = DocExamples.run(dir, "", DocExamples.blocks(GUIDE, "### A trial on one host"));

    assertThat(printed).containsPattern("penalties.csv: 1,000 rows: (\\d+) new, 0 updated")
        .contains("node          cn").containsPattern("records\\s+9\\d\\d ");
    for (String node : new String[] {"cn", "bj", "bj-chaoyang"}) {
      assertThat(Files.readString(dir.resolve(node + ".log"))).as(node).contains("node " + node)
          .contains("stopped");
    }
  }

  private final java.util.Map<String, Integer> ports = new java.util.HashMap<>();

  /** A free loopback port standing in for the example's {@code port}, the same one each time. */
  private int free(String port) {
    return ports.computeIfAbsent(port, p -> {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
