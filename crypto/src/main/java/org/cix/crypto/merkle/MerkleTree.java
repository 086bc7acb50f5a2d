package org.cix.crypto.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cix.crypto.hash.Hashes;

/**
 * Merkle trees as RFC 6962 (Certificate Transparency) defines them: leaf = H(0x00 || data),
 * node = H(0x01 || left || right), a tree of n leaves split at the largest power of two below n.
 * One signature over the root covers every leaf; a leaf's audit path is log2(n) hashes.
 */
public final class MerkleTree {
  private static final byte LEAF = 0x00;
  private static final byte NODE = 0x01;

  private final List<byte[]> leaves;
  /** Every subtree's hash, computed once: key from << 32 | to. */
  private final Map<Long, byte[]> subtrees = new HashMap<>();

  private MerkleTree(List<byte[]> leaves) {
    this.leaves = leaves;
  }

  /** A tree over leaf hashes made by {@link #leafHash}. */
  public static MerkleTree of(List<byte[]> leafHashes) {
    if (leafHashes.isEmpty()) {
      throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
    }
    return new MerkleTree(List.copyOf(leafHashes));
  }

  /** H(0x00 || data): the leaf for one record version (data = the version's SHA-256). */
  public static byte[] leafHash(byte[] data) {
    MessageDigest digest = Hashes.sha256();
    digest.update(LEAF);
    return digest.digest(data);
  }

  static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest digest = Hashes.sha256();
    digest.update(NODE);
    digest.update(left);
    return digest.digest(right);
  }

  public int size() {
    return leaves.size();
  }

  public byte[] root() {
    return root(0, leaves.size());
  }

  private byte[] root(int from, int to) {
    int n = to - from;
    if (n == 1) {
      return leaves.get(from);
    }
    long key = (long) from << 32 | to;
    byte[] hash = subtrees.get(key);
    if (hash == null) {
      int k = splitPoint(n);
      hash = nodeHash(root(from, from + k), root(from + k, to));
      subtrees.put(key, hash);
    }
    return hash;
  }

  /** The audit path of leaf {@code index}: the sibling hashes from the leaf up to the root. */
  public List<byte[]> auditPath(int index) {
    if (index < 0 || index >= leaves.size()) {
      throw new IndexOutOfBoundsException("leaf " + index + " of " + leaves.size());
    }
    List<byte[]> path = new ArrayList<>();
    path(index, 0, leaves.size(), path);
    return path;
  }

  private void path(int index, int from, int to, List<byte[]> path) {
    int n = to - from;
    if (n == 1) {
      return;
    }
    int k = splitPoint(n);
    if (index < from + k) {
      path(index, from, from + k, path);
      path.add(root(from + k, to));
    } else {
      path(index, from + k, to, path);
      path.add(root(from, from + k));
    }
  }

  /** The largest power of two smaller than {@code n} (n > 1). */
  static int splitPoint(int n) {
    return Integer.highestOneBit(n - 1);
  }

  /**
   * Checks that {@code leafHash} is leaf {@code index} of a tree of {@code size} leaves with
   * {@code root}, given its audit path (RFC 6962 section 2.1.1). {@code size} must come from the
   * signed seal header: trees of different sizes can share a path shape.
   */
  public static boolean verify(byte[] leafHash, int index, int size, List<byte[]> path, byte[] root) {
    if (index < 0 || index >= size || leafHash == null || root == null) {
      return false;
    }
    try {
      return Arrays.equals(climb(leafHash, index, size, path, path.size()), root);
    } catch (IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  /** Recomputes the root from the bottom of the path; consumes exactly the path or fails. */
  private static byte[] climb(byte[] leaf, int index, int size, List<byte[]> path, int available) {
    if (size == 1) {
      if (available != 0) {
        throw new IllegalArgumentException("path too long");
      }
      return leaf;
    }
    if (available == 0) {
      throw new IllegalArgumentException("path too short");
    }
    int k = splitPoint(size);
    byte[] sibling = path.get(available - 1);
    if (index < k) {
      return nodeHash(climb(leaf, index, k, path, available - 1), sibling);
    }
    return nodeHash(sibling, climb(leaf, index - k, size - k, path, available - 1));
  }
}
