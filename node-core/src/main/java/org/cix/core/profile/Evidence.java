package org.cix.core.profile;

import java.security.cert.X509Certificate;
import java.util.List;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealProof;

/**
 * What proves a record version's origin without asking a node: the SHA-256 of the version as
 * sealed, its Merkle proof, the seal and the origin's sealing chain (leaf first). For a masked
 * view of a record the sealed hash is the original's, not the view's.
 */
public record Evidence(byte[] sealedSha256, SealProof proof, Seal seal, List<X509Certificate> originChain) {
  public Evidence {
    sealedSha256 = sealedSha256.clone();
    originChain = List.copyOf(originChain);
  }

  @Override
  public byte[] sealedSha256() {
    return sealedSha256.clone();
  }
}
