package org.cix.core.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.cix.crypto.hash.Hashes;

/**
 * Record ids: the same record (same type, same identifying field values, such as the decision
 * number and the authority's USCC) has the same id on every node, whoever ingests it.
 */
public final class RecordIds {
  private static final byte[] DOMAIN = "cix-record-id-v1".getBytes(StandardCharsets.US_ASCII);

  private RecordIds() {}

  /** 32 hex characters: the first 128 bits of SHA-256 over the type and the identity values. */
  public static String of(String type, List<String> identityValues) {
    MessageDigest digest = Hashes.sha256();
    digest.update(DOMAIN);
    update(digest, type);
    for (String value : identityValues) {
      update(digest, value);
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 16);
  }

  /** True for what {@link #of} makes: 32 lower-case hexadecimal characters. */
  public static boolean isWellFormed(String id) {
    return id.length() == 32 && id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }

  private static void update(MessageDigest digest, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    digest.update((byte) 0);
    digest.update(intBytes(bytes.length));
    digest.update(bytes);
  }

  private static byte[] intBytes(int n) {
    return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
  }
}
