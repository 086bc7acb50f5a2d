package org.cix.core.discipline;

import java.util.List;
import java.util.Optional;
import org.cix.core.profile.ProfileEntry;

/**
 * One record of the subject that a measure governing the checked action names, and why it does
 * not apply now when it does not (publicity ended, revoked, repaired, origin not proven).
 */
public record Finding(ProfileEntry entry, List<Measure> measures, Optional<String> lapsed) {
  public Finding {
    measures = List.copyOf(measures);
  }

  public boolean applies() {
    return lapsed.isEmpty();
  }
}
