package org.cix.crypto.pem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files and directories only their owner may read: keys, secrets, node and data directories,
 * exports and reject reports. Made owner-only whatever the umask, and checked before use like
 * keys, with the command that fixes them. On a file system without POSIX permissions nothing is
 * set or checked.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /** Creates {@code dir} (and its parents) when missing; {@code dir} itself ends up 0700 if it was created here. */
  public static void createDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir);
    restrict(dir, DIRECTORY);
  }

  /** Makes {@code dir} 0700 whatever the umask left it. */
  public static void restrictDirectory(Path dir) throws IOException {
    restrict(dir, DIRECTORY);
  }

  /** Creates {@code file} anew, empty and 0600 (replacing one that exists). */
  public static void createFile(Path file) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, ownerOnly());
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    restrict(file, FILE);
  }

  /** The attribute that creates a file 0600 (before the umask, which can only take more away). */
  public static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
    return PosixFilePermissions.asFileAttribute(FILE);
  }

  /** Makes every regular file directly in {@code dir} 0600. */
  public static void restrictFilesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          restrict(file, FILE);
        }
      }
    }
  }

  /**
   * Refuses {@code path} (a file or a directory) when anyone but its owner may read, write or
   * enter it, naming the chmod that fixes it.
   *
   * @throws KeyMaterialException naming the path
   */
  public static void requireOwnerOnly(Path path) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
      for (PosixFilePermission p : permissions) {
        if (!p.name().startsWith("OWNER_")) {
          boolean directory = Files.isDirectory(path);
          throw new KeyMaterialException(path, (directory ? "open to other users (" : "readable by others (")
              + PosixFilePermissions.toString(permissions) + "); run: chmod " + (directory ? "700 " : "600 ") + path);
        }
      }
    } catch (NoSuchFileException e) {
      throw new KeyMaterialException(path, "missing");
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to check
    } catch (IOException e) {
      throw new KeyMaterialException(path, "cannot read permissions: " + e.getMessage(), e);
    }
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, permissions);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
  }
}
