package org.cix.core.seal;

import java.util.List;
import org.cix.core.record.RecordVersion;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealHeader;
import org.cix.proto.v1.SealProof;

/** A batch of record versions under one seal, with each version's proof (same order). */
public record SealedBatch(Seal seal, SealHeader header, List<RecordVersion> versions, List<SealProof> proofs) {
  public SealedBatch {
    versions = List.copyOf(versions);
    proofs = List.copyOf(proofs);
    if (versions.size() != proofs.size()) {
      throw new IllegalArgumentException("one proof per version");
    }
  }

  public String sealId() {
    return header.getSealId();
  }
}
