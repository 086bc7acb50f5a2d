package org.cix.core.sync;

import java.util.List;
import org.cix.proto.v1.SealProof;

/**
 * A version as the change log hands it to a sender: its sequence here, what routing needs
 * without parsing the body, the exact bytes and proof, and how it reached this node.
 *
 * @param viaNode the neighbour it arrived from; empty when it was ingested here
 * @param hops the nodes it passed before this one, origin first (empty when ingested here)
 * @param hopTimes when it was stored at each of {@code hops} (empty when not known)
 * @param storedAtMillis when it was stored here
 * @param hopProofs the proofs of its path, one per relay after the origin, this node's receipt last
 *     (empty when ingested here, or stored before receipts existed)
 */
public record LoggedVersion(
    long seq, String recordId, int version, String type, String subjectId, String originNode, String viaNode,
    byte[] body, byte[] sha256, SealProof proof, List<String> hops, List<Long> hopTimes, long storedAtMillis,
    List<SealProof> hopProofs) {
  public LoggedVersion {
    hops = List.copyOf(hops);
    hopTimes = List.copyOf(hopTimes);
    hopProofs = List.copyOf(hopProofs);
  }

  public boolean local() {
    return viaNode.isEmpty();
  }
}
