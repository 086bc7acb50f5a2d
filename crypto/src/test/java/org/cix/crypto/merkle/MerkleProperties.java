package org.cix.crypto.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.cix.reliability.Fault;

/**
 * Merkle proofs, for trees of any size up to 300 leaves: every leaf's audit path proves it, and
 * no single change (a bit of the leaf, of a path hash or of the root, another index, a hash
 * dropped or added) proves anything. (The tree size is not varied: it comes from the signed seal
 * header, because trees of different sizes can share a path.)
 */
class MerkleProperties {
  static final Fault CHANGED_PROOF = new Fault(
      "a Merkle proof, leaf or root changed in one place (a bit, a hash added or dropped, another index); "
          + "trees of 1-300 leaves, property-based",
      "the proof fails");

  @Provide
  Arbitrary<List<byte[]>> leaves() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32).list().ofMinSize(1).ofMaxSize(300)
        .uniqueElements(ByteBuffer::wrap);
  }

  @Property(tries = 200)
  void everyLeafIsProvedByItsPath(@ForAll("leaves") List<byte[]> leaves) {
    MerkleTree tree = MerkleTree.of(leaves);
    for (int i = 0; i < leaves.size(); i++) {
      assertThat(MerkleTree.verify(leaves.get(i), i, leaves.size(), tree.auditPath(i), tree.root())).isTrue();
    }
  }

  @Property(tries = 1000)
  void anySingleChange_provesNothing(@ForAll("leaves") List<byte[]> leaves, @ForAll @IntRange(max = 10_000) int pick,
      @ForAll @IntRange(min = 0, max = 5) int what, @ForAll @IntRange(max = 255) int bit) {
    MerkleTree tree = MerkleTree.of(leaves);
    int n = leaves.size();
    int index = pick % n;
    byte[] leaf = leaves.get(index).clone();
    List<byte[]> path = new ArrayList<>();
    tree.auditPath(index).forEach(h -> path.add(h.clone()));
    byte[] root = tree.root().clone();
    int at = index;
    switch (what) {
      case 0 -> flip(leaf, bit);
      case 1 -> flip(root, bit);
      case 2 -> {
        if (path.isEmpty()) {
          path.add(new byte[32]);
        } else {
          flip(path.get(pick % path.size()), bit);
        }
      }
      case 3 -> at = n == 1 ? 1 : (index + 1 + pick % (n - 1)) % n;
      case 4 -> path.add(leaf.clone());
      default -> {
        if (path.isEmpty()) {
          path.add(root.clone());
        } else {
          path.remove(pick % path.size());
        }
      }
    }
    CHANGED_PROOF.inflicted();
    assertThat(MerkleTree.verify(leaf, at, n, path, root)).as("change %d at leaf %d of %d", what, index, n).isFalse();
  }

  private static void flip(byte[] bytes, int bit) {
    bytes[(bit / 8) % bytes.length] ^= (byte) (1 << (bit % 8));
  }
}
