package org.cix.core.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.cix.crypto.hash.Hashes;

/**
 * The hash chain of the audit log: an entry's hash is SHA-256 over its sequence, time, actor,
 * action, subject and detail (each length-prefixed) and the previous entry's hash; the first
 * entry's previous hash is 32 zero bytes. Changing, removing or reordering any entry breaks every
 * hash from there on, and {@link #verify} names the first entry that does not hold.
 */
public final class AuditChain {
  public static final byte[] GENESIS = new byte[32];
  private static final int PAGE = 10_000;

  private AuditChain() {}

  public static byte[] hash(long seq, AuditEvent event, byte[] previous) {
    MessageDigest digest = Hashes.newSha256();
    digest.update(ByteBuffer.allocate(16).putLong(seq).putLong(event.at().toEpochMilli()).array());
    for (String part : List.of(event.actor(), event.action(), event.subject(), event.detail())) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
      digest.update(bytes);
    }
    digest.update(previous);
    return digest.digest();
  }

  /** What {@link #verify} found: entries read, the head's hash, and the first broken entry with why. */
  public record Verification(long entries, byte[] head, Optional<Long> firstBad, String why) {
    public boolean intact() {
      return firstBad.isEmpty();
    }
  }

  /** Reads the whole log in order and checks every link of the chain. */
  public static Verification verify(AuditLog log) {
    byte[] previous = GENESIS;
    long expected = 1;
    long count = 0;
    while (true) {
      List<AuditEntry> page = log.after(expected - 1, PAGE);
      if (page.isEmpty()) {
        return new Verification(count, previous, Optional.empty(), "");
      }
      for (AuditEntry entry : page) {
        if (entry.seq() != expected) {
          return new Verification(count, previous, Optional.of(expected), "entry " + expected + " is missing (next is "
              + entry.seq() + ")");
        }
        if (!Arrays.equals(entry.previous(), previous)) {
          return new Verification(count, previous, Optional.of(entry.seq()), "entry " + entry.seq()
              + " does not follow the entry before it");
        }
        if (!Arrays.equals(entry.hash(), hash(entry.seq(), entry.event(), previous))) {
          return new Verification(count, previous, Optional.of(entry.seq()), "entry " + entry.seq()
              + " was changed after it was written (its hash does not match its content)");
        }
        previous = entry.hash();
        expected++;
        count++;
      }
    }
  }
}
