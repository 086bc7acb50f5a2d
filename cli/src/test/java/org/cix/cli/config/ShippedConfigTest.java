package org.cix.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example configurations shipped in conf/ stay valid. */
class ShippedConfigTest {
  static Stream<Path> examples() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("..", "conf"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void example_loadsWithoutErrors(Path file) {
    NodeConfig config = ConfigLoader.load(file);
    assertThat(config.keysDir().toString()).contains("nodes");
  }
}
