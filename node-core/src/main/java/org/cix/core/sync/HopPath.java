package org.cix.core.sync;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import org.cix.core.seal.SealVerdict;
import org.cix.core.seal.SealVerifier;
import org.cix.crypto.hash.Hashes;
import org.cix.proto.v1.SealHeader;
import org.cix.proto.v1.SealProof;

/**
 * The path a version took, provable hop by hop. Each relay, when it stores a received bundle,
 * signs one receipt (a seal marked {@code receipt}) over a hop leaf per version:
 *
 * <pre>
 *   start   = H(0x03 || version SHA-256 || origin || 0x00 || time stored at the origin)
 *   leaf(j) = H(0x02 || version SHA-256 || leaf(j-1), or start || relay j || 0x00 || time stored at relay j)
 * </pre>
 *
 * so a relay's leaf commits to the whole path before it and the times, and its signature makes
 * them its word. A version travels with the proof of each relay's leaf in that relay's receipt;
 * a receiver recomputes the chain from the item's hops and times, and a later relay that rewrote
 * an earlier hop, a time or the order breaks a proof it cannot sign for.
 */
public final class HopPath {
  private HopPath() {}

  /** Why an item's path does not hold. */
  static final class Unproven extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    Unproven(String code, String detail) {
      super(detail);
      this.code = code;
    }

    Refusal refusal() {
      return new Refusal(code, getMessage());
    }
  }

  static byte[] start(byte[] sha256, String origin, long atMillis) {
    return hash((byte) 0x03, sha256, null, origin, atMillis);
  }

  /** The hop leaf of {@code node} storing the version at {@code atMillis}, after {@code previous}. */
  public static byte[] leaf(byte[] sha256, byte[] previous, String node, long atMillis) {
    return hash((byte) 0x02, sha256, previous, node, atMillis);
  }

  private static byte[] hash(byte tag, byte[] sha256, byte[] previous, String node, long atMillis) {
    MessageDigest digest = Hashes.newSha256();
    digest.update(tag);
    digest.update(sha256);
    if (previous != null) {
      digest.update(previous);
    }
    digest.update(node.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(atMillis).array());
    return digest.digest();
  }

  /**
   * Checks the path an item claims: {@code hops} (the nodes before the sender, origin first),
   * {@code times} (one per hop, then the sender's) and one proof per relay (the hops after the
   * origin, then the sender), each in a receipt of that relay among {@code seals} (verified
   * headers, or the refusal of a seal that did not verify).
   *
   * @return the sender's hop leaf (the origin's start when the sender is the origin), which this
   *     node's own leaf follows
   */
  static byte[] verify(byte[] sha256, String origin, List<String> hops, List<Long> times, String sender,
      List<SealProof> proofs, SealVerdict.Cache seals) throws Unproven {
    if (hops.isEmpty()) {
      if (!sender.equals(origin)) {
        throw new Unproven("unproven_path", "relayed by " + sender + " without the path from its origin " + origin);
      }
      if (times.size() != 1 || !proofs.isEmpty()) {
        throw new Unproven("unproven_path", "a version sent by its origin carries one time and no hop proofs");
      }
      return start(sha256, origin, times.get(0));
    }
    if (!hops.get(0).equals(origin)) {
      throw new Unproven("unproven_path", "the path starts at " + hops.get(0) + ", not at the origin " + origin);
    }
    if (times.size() != hops.size() + 1 || proofs.size() != hops.size()) {
      throw new Unproven("unproven_path", "a path of " + hops.size() + " hops needs " + (hops.size() + 1)
          + " times and " + hops.size() + " hop proofs (got " + times.size() + " and " + proofs.size() + ")");
    }
    byte[] previous = start(sha256, origin, times.get(0));
    for (int j = 1; j <= hops.size(); j++) {
      String relay = j < hops.size() ? hops.get(j) : sender;
      byte[] leaf = leaf(sha256, previous, relay, times.get(j));
      SealProof proof = proofs.get(j - 1);
      SealVerdict seal = seals.get(proof.getSealId()).orElseThrow(() -> new Unproven("bad_hop_proof",
          "the receipt " + proof.getSealId() + " of " + relay + " is not in the bundle"));
      if (seal instanceof SealVerdict.Refused refused) {
        throw new Unproven("bad_hop_proof", "the receipt of " + relay + " does not verify: " + refused.reason());
      }
      SealHeader receipt = seal.verified().orElseThrow();
      if (!receipt.getReceipt() || !receipt.getOriginNode().equals(relay)) {
        throw new Unproven("bad_hop_proof", "hop " + j + " (" + relay + ") is proved by " + (receipt.getReceipt()
            ? "a receipt of " + receipt.getOriginNode() : "a seal, not a receipt"));
      }
      try {
        SealVerifier.prove(receipt, proof, leaf);
      } catch (SealVerifier.Failure e) {
        throw new Unproven("bad_hop_proof", "hop " + j + " (" + relay + " at " + Instant.ofEpochMilli(times.get(j))
            + ") is not what its receipt signed: the path or a time was changed after it");
      }
      previous = leaf;
    }
    return previous;
  }
}
