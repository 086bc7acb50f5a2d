package org.cix.core.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped configuration directories (conf/catalog, conf/measures), copied for a test to change. */
public final class ShippedConf {
  private ShippedConf() {}

  /** Copies every file of {@code conf/<name>} into {@code target} (created if need be); returns it. */
  public static Path copy(String name, Path target) {
    try {
      Files.createDirectories(target);
      try (var files = Files.list(Path.of("..", "conf", name))) {
        for (Path file : files.toList()) {
          Files.copy(file, target.resolve(file.getFileName()));
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
