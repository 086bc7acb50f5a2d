package org.cix.core.discipline;

import java.util.List;
import java.util.Optional;
import org.cix.core.profile.ProfileEntry;

/**
 * One record of the subject that a measure governing the checked action names, and why it does
 * not apply now when it does not (publicity ended, revoked, repaired, origin not proven), and whom
 * the record reaches the checked subject through: {@link Reach#SUBJECT} for the subject's own
 * records; for a record of an enterprise the checked person represents {@link
 * Reach#LEGAL_REPRESENTATIVE}, of the person who represents the checked enterprise {@link
 * Reach#REPRESENTED_ENTERPRISE}, with that record's subject ({@code via}).
 */
public record Finding(ProfileEntry entry, List<Measure> measures, Optional<String> lapsed, Reach reach) {
  public Finding {
    measures = List.copyOf(measures);
  }

  /** The subject of the record when it is not the checked subject's own. */
  public Optional<String> via() {
    return reach == Reach.SUBJECT ? Optional.empty()
        : Optional.of(entry.stored().version().body().getSubjectId());
  }

  public boolean applies() {
    return lapsed.isEmpty();
  }
}
