package org.cix.core.discipline;

import java.util.List;
import java.util.Optional;
import org.cix.core.profile.ProfileEntry;

/**
 * One record of the subject that a measure governing the checked action names, and why it does
 * not apply now when it does not (publicity ended, revoked, repaired, origin not proven), and,
 * for a record of an enterprise the checked person represents, that enterprise ({@code via}).
 */
public record Finding(ProfileEntry entry, List<Measure> measures, Optional<String> lapsed, Optional<String> via) {
  public Finding {
    measures = List.copyOf(measures);
  }

  public boolean applies() {
    return lapsed.isEmpty();
  }
}
