package org.cix.crypto.keys;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.cix.crypto.sign.Signatures;

/** Checks on key pairs that come from different files. */
public final class KeyPairs {
  private static final byte[] PROBE = "cix key pair probe".getBytes(StandardCharsets.US_ASCII);

  private KeyPairs() {}

  /** True when the private key signs what the public key verifies. */
  public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    try {
      return Signatures.verify(publicKey, Signatures.algorithm(privateKey), PROBE,
          Signatures.sign(privateKey, PROBE));
    } catch (IllegalArgumentException | IllegalStateException e) {
      return false;
    }
  }
}
