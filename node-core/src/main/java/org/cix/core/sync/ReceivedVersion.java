package org.cix.core.sync;

import java.util.List;
import org.cix.core.record.RecordVersion;
import org.cix.proto.v1.SealProof;

/**
 * A version that passed every check of a received bundle, ready to store with its provenance.
 *
 * @param senderSeq its sequence in the sender's change log
 * @param hops the nodes it passed before arriving here, origin first, ending with the sender
 * @param hopTimes when it was stored at each of {@code hops}, as the sender says (empty when not known)
 * @param hopProofs the proof of each relay's hop leaf after the origin, this node's own receipt last
 *     ({@link HopPath})
 */
public record ReceivedVersion(long senderSeq, RecordVersion version, SealProof proof, List<String> hops,
    List<Long> hopTimes, List<SealProof> hopProofs) {
  public ReceivedVersion {
    hops = List.copyOf(hops);
    hopTimes = List.copyOf(hopTimes);
    hopProofs = List.copyOf(hopProofs);
  }
}
