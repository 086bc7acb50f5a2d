package org.cix.core.sync;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.cix.crypto.hash.Hashes;

/**
 * The digest a bundle header signs over its items: for each item in order, its sequence (8
 * bytes, big endian), the SHA-256 of its body, its hops joined by ',' and its hop times (8 bytes
 * each). The body hashes are
 * the ones seals and proofs use, so each body is hashed once on each side.
 */
final class ItemDigest {
  private final MessageDigest digest = Hashes.newSha256();
  private final ByteBuffer seq = ByteBuffer.allocate(Long.BYTES);

  void add(long itemSeq, byte[] bodySha256, List<String> hops, List<Long> hopTimes) {
    seq.clear();
    digest.update(seq.putLong(itemSeq).array());
    digest.update(bodySha256);
    digest.update(String.join(",", hops).getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    for (long time : hopTimes) {
      seq.clear();
      digest.update(seq.putLong(time).array());
    }
  }

  byte[] finish() {
    return digest.digest();
  }
}
