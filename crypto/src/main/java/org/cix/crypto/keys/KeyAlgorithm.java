package org.cix.crypto.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.cix.crypto.CryptoProviders;

/**
 * The key algorithms of a node. TLS and CA keys are ECDSA P-256 (every TLS stack speaks it);
 * sealing keys are Ed25519 (DESIGN.md section 4).
 */
public enum KeyAlgorithm {
  EC_P256("SHA256withECDSA"),
  ED25519("Ed25519");

  private final String signatureAlgorithm;

  KeyAlgorithm(String signatureAlgorithm) {
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** The JCA signature algorithm used with keys of this kind. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  public KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator generator;
      if (this == EC_P256) {
        generator = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      } else {
        generator = KeyPairGenerator.getInstance("Ed25519", CryptoProviders.bouncyCastle());
        generator.initialize(255, random);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate " + this + " key", e);
    }
  }

  /** The algorithm of a key, from its JCA algorithm name. */
  public static KeyAlgorithm of(java.security.Key key) {
    return switch (key.getAlgorithm()) {
      case "EC", "ECDSA" -> EC_P256;
      case "Ed25519", "EdDSA" -> ED25519;
      default -> throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
    };
  }
}
