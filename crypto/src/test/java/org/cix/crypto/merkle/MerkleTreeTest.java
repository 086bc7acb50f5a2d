package org.cix.crypto.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.cix.crypto.hash.Hashes;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  private static List<byte[]> leaves(int n) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leaves.add(MerkleTree.leafHash(Hashes.sha256(("record " + i).getBytes(StandardCharsets.UTF_8))));
    }
    return leaves;
  }

  @Test
  void root_matchesRfc6962Definition_forThreeLeaves() {
    List<byte[]> l = leaves(3);
    byte[] expected = MerkleTree.nodeHash(MerkleTree.nodeHash(l.get(0), l.get(1)), l.get(2));

    assertThat(MerkleTree.of(l).root()).isEqualTo(expected);
  }

  @Test
  void leafHash_ofEmptyInput_matchesCertificateTransparencyTestVector() {
    // RFC 6962 / CT test vector: the leaf hash of the empty string
    assertThat(HexFormat.of().formatHex(MerkleTree.leafHash(new byte[0])))
        .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  }

  @Test
  void auditPath_verifiesForEveryLeaf_ofEverySizeUpTo33() {
    for (int n = 1; n <= 33; n++) {
      List<byte[]> l = leaves(n);
      MerkleTree tree = MerkleTree.of(l);
      byte[] root = tree.root();
      for (int i = 0; i < n; i++) {
        List<byte[]> path = tree.auditPath(i);
        assertThat(path.size()).isLessThanOrEqualTo(32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
        assertThat(MerkleTree.verify(l.get(i), i, n, path, root)).as("leaf %d of %d", i, n).isTrue();
      }
    }
  }

  @Test
  void verify_anyTampering_fails() {
    List<byte[]> l = leaves(13);
    MerkleTree tree = MerkleTree.of(l);
    byte[] root = tree.root();
    List<byte[]> path = tree.auditPath(6);

    assertThat(MerkleTree.verify(l.get(7), 6, 13, path, root)).as("another leaf").isFalse();
    assertThat(MerkleTree.verify(l.get(6), 7, 13, path, root)).as("another index").isFalse();
    // the size is authenticated by the signed seal header, not by the path: where the shape
    // differs, the path no longer fits
    assertThat(MerkleTree.verify(l.get(6), 6, 17, path, root)).as("another size").isFalse();
    assertThat(MerkleTree.verify(l.get(6), 6, 13, path.subList(1, path.size()), root)).as("short path").isFalse();
    List<byte[]> longer = new ArrayList<>(path);
    longer.add(root);
    assertThat(MerkleTree.verify(l.get(6), 6, 13, longer, root)).as("long path").isFalse();
    byte[] flipped = path.get(0).clone();
    flipped[0] ^= 1;
    List<byte[]> bad = new ArrayList<>(path);
    bad.set(0, flipped);
    assertThat(MerkleTree.verify(l.get(6), 6, 13, bad, root)).as("flipped bit").isFalse();
    assertThat(MerkleTree.verify(l.get(6), 13, 13, path, root)).as("index out of range").isFalse();
  }
}
