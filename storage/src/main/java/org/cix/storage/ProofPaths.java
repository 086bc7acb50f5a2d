package org.cix.storage;

import com.google.protobuf.ByteString;
import org.cix.proto.v1.SealProof;

/** A version's inclusion proof in its column: the path's hashes one after another (the seal id and leaf index have their own). */
public final class ProofPaths {
  private static final int HASH = 32;

  private ProofPaths() {}

  public static byte[] encode(SealProof proof) {
    byte[] path = new byte[proof.getPathCount() * HASH];
    for (int i = 0; i < proof.getPathCount(); i++) {
      proof.getPath(i).copyTo(path, i * HASH);
    }
    return path;
  }

  static SealProof decode(String sealId, int leafIndex, byte[] path) {
    SealProof.Builder proof = SealProof.newBuilder().setSealId(sealId).setLeafIndex(leafIndex);
    for (int i = 0; i + HASH <= path.length; i += HASH) {
      proof.addPath(ByteString.copyFrom(path, i, HASH));
    }
    return proof.build();
  }
}
