package org.cix.core.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a catalog's (or the measures') files come from: a directory, or the standard set inside
 * the build.
 */
public interface CatalogSource {
  /** The bytes of {@code name}, or empty when there is no such file. */
  Optional<byte[]> read(String name) throws IOException;

  /** For messages. */
  String describe();

  static CatalogSource directory(Path dir) {
    return new CatalogSource() {
      @Override
      public Optional<byte[]> read(String name) throws IOException {
        try {
          return Optional.of(Files.readAllBytes(dir.resolve(name)));
        } catch (NoSuchFileException e) {
          return Optional.empty();
        }
      }

      @Override
      public String describe() {
        return dir.toString();
      }
    };
  }

  /** The standard catalog (conf/catalog, copied into the build). */
  static CatalogSource standard() {
    return resources("/org/cix/core/catalog/standard/", "standard catalog");
  }

  /** Files of a folder inside the build, such as the standard catalog or measures. */
  static CatalogSource resources(String folder, String description) {
    return new CatalogSource() {
      @Override
      public Optional<byte[]> read(String name) throws IOException {
        try (InputStream in = CatalogSource.class.getResourceAsStream(folder + name)) {
          return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
      }

      @Override
      public String describe() {
        return description;
      }
    };
  }

  /** Files held in memory (a set received from another node), by name. */
  static CatalogSource of(java.util.Map<String, byte[]> files, String description) {
    java.util.Map<String, byte[]> copy = java.util.Map.copyOf(files);
    return new CatalogSource() {
      @Override
      public Optional<byte[]> read(String name) {
        return Optional.ofNullable(copy.get(name)).map(byte[]::clone);
      }

      @Override
      public String describe() {
        return description;
      }
    };
  }
}
