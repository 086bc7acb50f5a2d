package org.cix.crypto.sign;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.cix.crypto.CryptoProviders;
import org.cix.crypto.keys.KeyAlgorithm;

/**
 * Signatures with Bouncy Castle's provider (6-12x the JDK's, see LIMITS.md). The algorithm is
 * named with every signature ({@link #algorithm}), so suites can coexist.
 */
public final class Signatures {
  private Signatures() {}

  /** The name recorded beside a signature made with {@code key}: "Ed25519", "SHA256withECDSA". */
  public static String algorithm(java.security.Key key) {
    return KeyAlgorithm.of(key).signatureAlgorithm();
  }

  public static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature signature = Signature.getInstance(algorithm(key), CryptoProviders.bouncyCastle());
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with a " + key.getAlgorithm() + " key", e);
    }
  }

  /** False for a wrong signature, a wrong algorithm name or an unusable key; never throws. */
  public static boolean verify(PublicKey key, String algorithm, byte[] message, byte[] signatureBytes) {
    try {
      if (!algorithm(key).equals(algorithm)) {
        return false;
      }
      Signature signature = Signature.getInstance(algorithm, CryptoProviders.bouncyCastle());
      signature.initVerify(key);
      signature.update(message);
      return signature.verify(signatureBytes);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
