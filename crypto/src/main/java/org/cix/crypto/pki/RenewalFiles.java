package org.cix.crypto.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.cix.crypto.pem.KeyMaterialException;
import org.cix.crypto.pem.PemFiles;
import org.cix.crypto.pem.PrivateFiles;
import org.cix.crypto.pem.StagedDirectory;

/**
 * A renewal written into a node directory: the new pairs and the certificates they replace are
 * staged together, then moved into place file by file, so that a crash leaves the old pairs or
 * the new ones ({@link NodeKeyMaterial#load} finishes a renewal it finds half moved).
 */
final class RenewalFiles {
  /** The prefix of a replaced certificate in the staged renewal. */
  private static final String OLD = "old-";

  private RenewalFiles() {}

  /** Stages {@code next} (and the certificates of {@code previous}) in {@code dir}, then moves them into place. */
  static void write(Path dir, NodeKeyMaterial.Pairs next, NodeKeyMaterial.Pairs previous) {
    StagedDirectory.create(dir.resolve(NodeKeyMaterial.RENEWAL_DIR), staging -> {
      PemFiles.writePrivateKey(staging.resolve(NodeKeyMaterial.TLS_KEY), next.tlsKey());
      PemFiles.writeCertificates(staging.resolve(NodeKeyMaterial.TLS_CERT), next.tlsChain());
      PemFiles.writePrivateKey(staging.resolve(NodeKeyMaterial.SEAL_KEY), next.sealKey());
      PemFiles.writeCertificates(staging.resolve(NodeKeyMaterial.SEAL_CERT), next.sealChain());
      PemFiles.writeCertificates(staging.resolve(OLD + NodeKeyMaterial.TLS_CERT), previous.tlsChain());
      PemFiles.writeCertificates(staging.resolve(OLD + NodeKeyMaterial.SEAL_CERT), previous.sealChain());
    });
    finish(dir);
  }

  /**
   * Moves a written renewal into place, file by file (each move atomic; run again after a crash
   * it moves what is left): the new keys and certificates over the old, the old certificates to
   * {@value NodeKeyMaterial#SUPERSEDED_DIR} named by their serial number.
   */
  static void finish(Path dir) {
    Path renewal = dir.resolve(NodeKeyMaterial.RENEWAL_DIR);
    if (!Files.isDirectory(renewal)) {
      return;
    }
    try {
      Path superseded = dir.resolve(NodeKeyMaterial.SUPERSEDED_DIR);
      PrivateFiles.createDirectory(superseded);
      for (String name : List.of(OLD + NodeKeyMaterial.TLS_CERT, OLD + NodeKeyMaterial.SEAL_CERT)) {
        Path old = renewal.resolve(name);
        if (Files.exists(old)) {
          Files.move(old, NodeKeyMaterial.supersededFile(dir, name.substring(OLD.length()), PemFiles.readCertificates(old).get(0)),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
      for (String name : List.of(NodeKeyMaterial.TLS_KEY, NodeKeyMaterial.TLS_CERT, NodeKeyMaterial.SEAL_KEY, NodeKeyMaterial.SEAL_CERT)) {
        Path next = renewal.resolve(name);
        if (Files.exists(next)) {
          Files.move(next, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      StagedDirectory.deleteRecursively(renewal);
    } catch (IOException e) {
      throw new KeyMaterialException(renewal, "cannot put the renewed keys in place: " + e.getMessage(), e);
    }
  }
}
