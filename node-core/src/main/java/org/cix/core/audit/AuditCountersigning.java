package org.cix.core.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.cix.core.error.CixException;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.sign.Signatures;
import org.cix.proto.v1.AuditHead;
import org.cix.proto.v1.AuditWitness;
import org.cix.proto.v1.AuditWitnessBody;
import org.cix.proto.v1.SignedAuditHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parents countersign their children's audit heads during sync (DESIGN.md section 4): the child
 * signs the head of its log with its sealing key; the parent checks that signature, compares the
 * head with the ones it countersigned before, signs it in turn and keeps it; the child checks the
 * parent's signature and keeps the countersignature. A child that rewrites its past then fails
 * {@code cix audit verify} at the first countersigned entry it changed, and its parent holds the
 * proof of what the entry was.
 */
public final class AuditCountersigning {
  /** A child sends its head at most this often, when it moved. */
  public static final Duration EVERY = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(AuditCountersigning.class);

  private final String self;
  private final NodeKeyMaterial keys;
  private final AuditLog audit;
  private final Clock clock;

  public AuditCountersigning(String self, NodeKeyMaterial keys, AuditLog audit, Clock clock) {
    this.self = self;
    this.keys = keys;
    this.audit = audit;
    this.clock = clock;
  }

  /** A head of this node's log as sent: its entry and the signed head. */
  public record Head(long seq, SignedAuditHead signed) {}

  /** The head of this node's log, signed, when it moved past {@code lastSentSeq}. */
  public Optional<Head> headAfter(long lastSentSeq) {
    long seq = audit.lastSeq();
    if (seq <= lastSentSeq) {
      return Optional.empty();
    }
    AuditEntry last = audit.after(seq - 1, 1).get(0);
    byte[] head = AuditHead.newBuilder().setNodeId(self).setSeq(last.seq()).setHash(ByteString.copyFrom(last.hash()))
        .setAtMillis(clock.millis()).build().toByteArray();
    return Optional.of(new Head(last.seq(), SignedAuditHead.newBuilder().setHead(ByteString.copyFrom(head))
        .setAlgorithm(Signatures.algorithm(keys.sealKey()))
        .setSignature(ByteString.copyFrom(Signatures.sign(keys.sealKey(), head))).build()));
  }

  /**
   * Countersigns a head {@code child} sent: refused unless signed by the child's sealing key and
   * about the child's own log. A head that differs from one countersigned before for the same
   * entry is not countersigned: the child's log was rewritten (or lost); it is logged and
   * written to this node's audit log.
   */
  public Optional<AuditWitness> countersign(SignedAuditHead signed, String child, PublicKey childKey) {
    AuditHead head = parse(signed, child, childKey);
    for (CountersignedHead before : audit.countersigned(child)) {
      if (before.seq() == head.getSeq() && !Arrays.equals(before.hash(), head.getHash().toByteArray())) {
        String what = "entry " + head.getSeq() + " of " + child + "'s audit log now has hash "
            + hex(head.getHash().toByteArray()) + "; " + self + " countersigned it with " + hex(before.hash());
        log.warn("audit log of {} rewritten or lost: {}", child, what);
        audit.append(new AuditEvent(clock.instant(), child, "audit.rewritten", "", what));
        return Optional.empty();
      }
    }
    byte[] body = AuditWitnessBody.newBuilder().setHead(signed).setWitness(self).setWitnessedAtMillis(clock.millis())
        .build().toByteArray();
    AuditWitness witness = AuditWitness.newBuilder().setBody(ByteString.copyFrom(body))
        .setAlgorithm(Signatures.algorithm(keys.sealKey()))
        .setSignature(ByteString.copyFrom(Signatures.sign(keys.sealKey(), body))).build();
    audit.keepCountersigned(new CountersignedHead(child, head.getSeq(), head.getHash().toByteArray(), self,
        clock.millis(), witness.toByteArray()));
    return Optional.of(witness);
  }

  /** Keeps the countersignature {@code parent} sent, after checking its signature and that it is of this log. */
  public CountersignedHead witnessed(AuditWitness witness, String parent, PublicKey parentKey) {
    if (!Signatures.verify(parentKey, witness.getAlgorithm(), witness.getBody().toByteArray(),
        witness.getSignature().toByteArray())) {
      throw CixException.invalidInput("audit countersignature does not verify with the sealing key of " + parent);
    }
    AuditWitnessBody body;
    try {
      body = AuditWitnessBody.parseFrom(witness.getBody());
    } catch (InvalidProtocolBufferException e) {
      throw CixException.invalidInput("unreadable audit countersignature from " + parent);
    }
    AuditHead head = parse(body.getHead(), self, keys.sealChain().get(0).getPublicKey());
    if (!body.getWitness().equals(parent)) {
      throw CixException.invalidInput("audit countersignature names witness " + body.getWitness() + ", sent by "
          + parent);
    }
    CountersignedHead kept = new CountersignedHead(self, head.getSeq(), head.getHash().toByteArray(), parent,
        body.getWitnessedAtMillis(), witness.toByteArray());
    audit.keepCountersigned(kept);
    return kept;
  }

  private static AuditHead parse(SignedAuditHead signed, String node, PublicKey key) {
    if (!Signatures.verify(key, signed.getAlgorithm(), signed.getHead().toByteArray(),
        signed.getSignature().toByteArray())) {
      throw CixException.invalidInput("audit head does not verify with the sealing key of " + node);
    }
    AuditHead head;
    try {
      head = AuditHead.parseFrom(signed.getHead());
    } catch (InvalidProtocolBufferException e) {
      throw CixException.invalidInput("unreadable audit head from " + node);
    }
    if (!head.getNodeId().equals(node)) {
      throw CixException.invalidInput("audit head of " + head.getNodeId() + " sent as " + node + "'s");
    }
    return head;
  }

  private static String hex(byte[] hash) {
    return HexFormat.of().formatHex(hash).substring(0, 16);
  }
}
