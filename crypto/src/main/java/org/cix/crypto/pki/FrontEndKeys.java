package org.cix.crypto.pki;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.cix.crypto.keys.KeyAlgorithm;
import org.cix.crypto.pem.PemFiles;
import org.cix.crypto.pem.StagedDirectory;

/**
 * The node directory of a read front end: a TLS key and its certificate, which names the node the
 * front end answers for and is marked as a front end's ({@link CertificateProfile#FRONT_END}), and
 * the roots; no sealing key, no CA. {@link NodeKeyMaterial#load} reads it
 * ({@link NodeKeyMaterial#frontEnd()}).
 */
public final class FrontEndKeys {
  private FrontEndKeys() {}

  /**
   * Creates the directory at {@code out}: the key generated here, its certificate issued by
   * {@code issuer} (the CA that issues the node itself), plus what {@code alsoWrite} puts beside
   * them (the admin token). Files appear all at once.
   */
  public static NodeKeyMaterial enrol(CertificateAuthority issuer, String nodeId, String jurisdiction,
      Duration validity, Path out, Clock clock, Consumer<Path> alsoWrite) {
    StagedDirectory.create(out, staging -> {
      KeyPair tls = KeyAlgorithm.EC_P256.generate(new SecureRandom());
      PemFiles.writePrivateKey(staging.resolve(NodeKeyMaterial.TLS_KEY), tls.getPrivate());
      PemFiles.writeCertificates(staging.resolve(NodeKeyMaterial.TLS_CERT),
          issuer.issue(CertificateProfile.FRONT_END, nodeId, jurisdiction, tls.getPublic(), validity));
      PemFiles.writeCertificates(staging.resolve(CertificateAuthority.ROOT_FILE), issuer.trusted());
      alsoWrite.accept(staging);
    });
    return NodeKeyMaterial.load(out, clock);
  }
}
