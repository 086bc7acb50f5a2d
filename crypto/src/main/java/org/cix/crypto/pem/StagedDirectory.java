package org.cix.crypto.pem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Creates a directory of key material all at once: files are written into a hidden sibling and
 * the sibling is renamed into place, so an interrupted run leaves no half-written directory. An
 * existing target is never overwritten. The directory is its owner's only (0700).
 */
public final class StagedDirectory {
  private StagedDirectory() {}

  public static void create(Path target, Consumer<Path> writer) {
    if (Files.exists(target)) {
      throw new KeyMaterialException(target, "already exists; refusing to overwrite keys");
    }
    Path parent = target.toAbsolutePath().getParent();
    Path staging = parent.resolve("." + target.getFileName() + ".partial");
    try {
      Files.createDirectories(parent);
      deleteRecursively(staging);
      Files.createDirectory(staging);
      PrivateFiles.restrictDirectory(staging);
    } catch (IOException e) {
      throw new KeyMaterialException(target, "cannot create: " + e.getMessage(), e);
    }
    boolean moved = false;
    try {
      writer.accept(staging);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
    } catch (IOException e) {
      throw new KeyMaterialException(target, "cannot create: " + e.getMessage(), e);
    } finally {
      if (!moved) {
        try {
          deleteRecursively(staging);
        } catch (IOException | UncheckedIOException e) {
          // best effort: the next attempt clears it before writing
        }
      }
    }
  }

  /** Deletes {@code dir} and everything in it; nothing when it does not exist. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
