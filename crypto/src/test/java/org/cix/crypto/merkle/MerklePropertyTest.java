package org.cix.crypto.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cix.reliability.Fault;
import org.cix.reliability.Trials;
import org.junit.jupiter.api.Test;

/**
 * Merkle proofs, for trees of any size up to 300 leaves: every leaf's audit path proves it, and
 * no single change (a bit of the leaf, of a path hash or of the root, another index, a hash
 * dropped or added) proves anything. (The tree size is not varied: it comes from the signed seal
 * header, because trees of different sizes can share a path.)
 */
class MerklePropertyTest {
  static final Fault CHANGED_PROOF = new Fault(
      "a Merkle proof, leaf or root changed in one place (a bit, a hash added or dropped, another index); "
          + "trees of 1-300 leaves, property-based",
      "the proof fails");
  private static final int[] SMALL = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17};

  private static List<byte[]> leaves(Random random) {
    int n = random.nextInt(4) == 0 ? SMALL[random.nextInt(SMALL.length)] : 1 + random.nextInt(300);
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] leaf = new byte[32];
      random.nextBytes(leaf);
      leaves.add(leaf);
    }
    return leaves;
  }

  @Test
  void everyLeafIsProvedByItsPath() {
    Trials.check(200, random -> {
      List<byte[]> leaves = leaves(random);
      MerkleTree tree = MerkleTree.of(leaves);
      for (int i = 0; i < leaves.size(); i++) {
        assertThat(MerkleTree.verify(leaves.get(i), i, leaves.size(), tree.auditPath(i), tree.root())).isTrue();
      }
    });
  }

  @Test
  void anySingleChange_provesNothing() {
    Trials.check(1000, random -> {
      List<byte[]> leaves = leaves(random);
      MerkleTree tree = MerkleTree.of(leaves);
      int n = leaves.size();
      int index = random.nextInt(n);
      int what = random.nextInt(6);
      int bit = random.nextInt(256);
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
            flip(path.get(random.nextInt(path.size())), bit);
          }
        }
        case 3 -> at = n == 1 ? 1 : (index + 1 + random.nextInt(n - 1)) % n;
        case 4 -> path.add(leaf.clone());
        default -> {
          if (path.isEmpty()) {
            path.add(root.clone());
          } else {
            path.remove(random.nextInt(path.size()));
          }
        }
      }
      CHANGED_PROOF.inflicted();
      assertThat(MerkleTree.verify(leaf, at, n, path, root)).as("change %d at leaf %d of %d", what, index, n).isFalse();
    });
  }

  private static void flip(byte[] bytes, int bit) {
    bytes[(bit / 8) % bytes.length] ^= (byte) (1 << (bit % 8));
  }
}
