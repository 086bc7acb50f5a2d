package org.cix.core.pack;

import org.cix.core.profile.Evidence;
import org.cix.core.profile.ProfileEntry;

/** A record as it goes into a package: what is shown, and the evidence of its origin. */
public record PackagedRecord(ProfileEntry entry, Evidence evidence) {
  /** The fields shown are a masked view, not the sealed ones. */
  public boolean masked() {
    return !java.util.Arrays.equals(evidence.sealedSha256(), entry.stored().version().sha256());
  }
}
