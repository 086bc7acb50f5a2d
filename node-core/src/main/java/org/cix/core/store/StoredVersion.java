package org.cix.core.store;

import org.cix.core.record.RecordVersion;
import java.util.List;
import org.cix.proto.v1.SealProof;

/**
 * A record version as this node holds it: its place in the change log ({@code seq}), the exact
 * bytes, and the proof that ties it to its origin's seal.
 */
public record StoredVersion(long seq, RecordVersion version, SealProof proof, long receivedAtMillis,
    Provenance provenance) {

  /**
   * How the version reached this node: ingested here ({@code viaNode} empty), or received from
   * {@code viaNode} after passing {@code hops} (origin first, ending with the neighbour), stored at
   * each of them at {@code hopTimes} (empty when not known).
   */
  public record Provenance(String viaNode, List<String> hops, List<Long> hopTimes) {
    public static final Provenance LOCAL = new Provenance("", List.of());

    public Provenance {
      hops = List.copyOf(hops);
      hopTimes = hopTimes.size() == hops.size() ? List.copyOf(hopTimes) : List.of();
    }

    public Provenance(String viaNode, List<String> hops) {
      this(viaNode, hops, List.of());
    }
  }
}
