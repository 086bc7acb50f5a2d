package org.cix.core.profile;

import java.util.Arrays;
import java.util.Optional;
import org.cix.core.catalog.RecordType;
import org.cix.core.store.StoredVersion;

/**
 * One current record in a subject's profile, with what the node can say of it now, and, for a
 * record answered by another node, the evidence of its origin that came with it.
 */
public record ProfileEntry(Optional<RecordType> type, StoredVersion stored, boolean publicNow, String sealCheck,
    Optional<Evidence> evidence) {
  /** A record this node holds: its evidence is in its store. */
  public ProfileEntry(Optional<RecordType> type, StoredVersion stored, boolean publicNow, String sealCheck) {
    this(type, stored, publicNow, sealCheck, Optional.empty());
  }

  public ProfileEntry withEvidence(Evidence evidence) {
    return new ProfileEntry(type, stored, publicNow, sealCheck, Optional.of(evidence));
  }

  /** A masked view: the fields shown are not those sealed (only the version's place in the seal can be checked). */
  public boolean masked() {
    return evidence.map(e -> !Arrays.equals(e.sealedSha256(), stored.version().sha256())).orElse(false);
  }
}
