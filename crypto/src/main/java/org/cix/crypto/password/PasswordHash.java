package org.cix.crypto.password;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Passwords of staff accounts, kept as Argon2id hashes (RFC 9106) in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, the parameters OWASP recommends for a server
 * that checks logins interactively. Bouncy Castle computes them; parameters are read back from the
 * stored string, so stronger ones later still verify the old hashes.
 */
public final class PasswordHash {
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final String PREFIX = "$argon2id$v=19$";
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {}

  /** The stored form of {@code password}, with a fresh salt. */
  public static String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return PREFIX + "m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt) + "$"
        + B64.encodeToString(hash);
  }

  /** Whether {@code password} is the one {@code stored} was made from (false for a malformed {@code stored}). */
  public static boolean matches(char[] password, String stored) {
    if (stored == null || !stored.startsWith(PREFIX)) {
      return false;
    }
    String[] parts = stored.substring(PREFIX.length()).split("\\$");
    if (parts.length != 3) {
      return false;
    }
    try {
      int memory = 0;
      int iterations = 0;
      int parallelism = 0;
      for (String parameter : parts[0].split(",")) {
        String[] kv = parameter.split("=", 2);
        int value = Integer.parseInt(kv[1]);
        switch (kv[0]) {
          case "m" -> memory = value;
          case "t" -> iterations = value;
          case "p" -> parallelism = value;
          default -> {
            return false;
          }
        }
      }
      byte[] salt = B64D.decode(parts[1]);
      byte[] expected = B64D.decode(parts[2]);
      if (memory < 8 || memory > 1 << 21 || iterations < 1 || iterations > 16 || parallelism < 1 || parallelism > 16) {
        return false;
      }
      return MessageDigest.isEqual(expected, argon2(password, salt, memory, iterations, parallelism, expected.length));
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  private static byte[] argon2(char[] password, byte[] salt, int memory, int iterations, int parallelism, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memory).withIterations(iterations).withParallelism(parallelism).withSalt(salt).build());
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    return out;
  }
}
