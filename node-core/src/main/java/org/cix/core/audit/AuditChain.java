package org.cix.core.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.crypto.hash.Hashes;

/**
 * The hash chain of the audit log: an entry's hash is SHA-256 over its sequence, time, actor,
 * action, subject and detail (each length-prefixed) and the previous entry's hash; the first
 * entry's previous hash is 32 zero bytes. Changing, removing or reordering any entry breaks every
 * hash from there on, and {@link #verify} names the first entry that does not hold. A site that
 * rewrites its whole chain consistently is found by the heads its parent countersigned: the
 * rewritten entry no longer has the hash the parent signed.
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

  /**
   * What {@link #verify} found: entries read, the head's hash, the first broken entry with why,
   * and the latest countersigned head that holds.
   */
  public record Verification(long entries, byte[] head, Optional<Long> firstBad, String why,
      Optional<CountersignedHead> countersigned) {
    public boolean intact() {
      return firstBad.isEmpty();
    }

    private Verification broken(long seq, String reason) {
      return new Verification(entries, head, Optional.of(seq), reason, countersigned);
    }
  }

  /**
   * Reads the whole log of node {@code self} in order, checks every link of the chain and every
   * head of it a parent countersigned.
   */
  public static Verification verify(AuditLog log, String self) {
    Map<Long, CountersignedHead> signed = new HashMap<>();
    log.countersigned(self).forEach(h -> signed.putIfAbsent(h.seq(), h));
    Verification chain = chain(log, signed);
    if (!chain.intact()) {
      return chain;
    }
    for (CountersignedHead head : signed.values()) {
      if (head.seq() > chain.entries()) {
        return chain.broken(chain.entries() + 1, head.witness() + " countersigned entry " + head.seq() + " on "
            + Instant.ofEpochMilli(head.witnessedAtMillis()) + ", but the log ends at entry " + chain.entries()
            + ": entries were removed after");
      }
    }
    return chain;
  }

  private static Verification chain(AuditLog log, Map<Long, CountersignedHead> signed) {
    byte[] previous = GENESIS;
    long expected = 1;
    long count = 0;
    Optional<CountersignedHead> held = Optional.empty();
    while (true) {
      List<AuditEntry> page = log.after(expected - 1, PAGE);
      if (page.isEmpty()) {
        return new Verification(count, previous, Optional.empty(), "", held);
      }
      for (AuditEntry entry : page) {
        if (entry.seq() != expected) {
          return new Verification(count, previous, Optional.of(expected), "entry " + expected + " is missing (next is "
              + entry.seq() + ")", held);
        }
        if (!Arrays.equals(entry.previous(), previous)) {
          return new Verification(count, previous, Optional.of(entry.seq()), "entry " + entry.seq()
              + " does not follow the entry before it", held);
        }
        if (!Arrays.equals(entry.hash(), hash(entry.seq(), entry.event(), previous))) {
          return new Verification(count, previous, Optional.of(entry.seq()), "entry " + entry.seq()
              + " was changed after it was written (its hash does not match its content)", held);
        }
        CountersignedHead head = signed.get(entry.seq());
        if (head != null && !Arrays.equals(head.hash(), entry.hash())) {
          return new Verification(count, previous, Optional.of(entry.seq()), "the log was rewritten: "
              + head.witness() + " countersigned entry " + entry.seq() + " on "
              + Instant.ofEpochMilli(head.witnessedAtMillis()) + " with another hash", held);
        }
        if (head != null) {
          held = Optional.of(head);
        }
        previous = entry.hash();
        expected++;
        count++;
      }
    }
  }
}
