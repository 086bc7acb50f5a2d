package org.cix.crypto.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 through the JDK (SHA-NI intrinsics: 6x Bouncy Castle's, see LIMITS.md). Looking a
 * digest up by name costs more than hashing a record, so each thread keeps one.
 */
public final class Hashes {
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Hashes::newSha256);

  private Hashes() {}

  /** A digest of its own, for hashing that spans other hashing (loading a catalog). */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** This thread's SHA-256 digest, reset: use it to the end (digest()) before calling here again. */
  public static MessageDigest sha256() {
    MessageDigest digest = SHA256.get();
    digest.reset();
    return digest;
  }

  public static byte[] sha256(byte[] data) {
    return sha256().digest(data);
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
