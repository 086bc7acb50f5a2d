package org.cix.crypto.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.cix.crypto.CryptoProviders;

/** Checks on key pairs that come from different files. */
public final class KeyPairs {
  private static final byte[] PROBE = "cix key pair probe".getBytes(StandardCharsets.US_ASCII);

  private KeyPairs() {}

  /** True when the private key signs what the public key verifies. */
  public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    try {
      KeyAlgorithm algorithm = KeyAlgorithm.of(privateKey);
      if (algorithm != KeyAlgorithm.of(publicKey)) {
        return false;
      }
      Signature signer = Signature.getInstance(algorithm.signatureAlgorithm(), CryptoProviders.bouncyCastle());
      signer.initSign(privateKey);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm(), CryptoProviders.bouncyCastle());
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
