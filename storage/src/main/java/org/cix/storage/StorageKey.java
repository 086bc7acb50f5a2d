package org.cix.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.cix.crypto.pem.PemFiles;

/**
 * The key an embedded (H2) store is encrypted with at rest (AES): 256 random bits, hex, kept
 * owner-only as {@code storage.key} in the node directory beside the node's other keys, written by
 * {@code cix node init}. A node directory without one (made by an older cix) opens its store
 * unencrypted. Losing the key loses the store: back it up with the node directory.
 */
public final class StorageKey {
  public static final String FILE = "storage.key";

  private StorageKey() {}

  public static String generate() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The key kept in {@code nodeDir}, if there is one (refused when others can read it). */
  public static Optional<String> read(Path nodeDir) {
    Path file = nodeDir.resolve(FILE);
    return Files.exists(file) ? Optional.of(PemFiles.readSecret(file)) : Optional.empty();
  }
}
