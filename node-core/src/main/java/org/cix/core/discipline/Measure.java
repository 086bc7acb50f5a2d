package org.cix.core.discipline;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cix.proto.v1.RecordBody;

/**
 * One joint punishment or reward: its class in the basic list, what triggers it, which actions it
 * governs, whom it reaches, the departments that carry it out, the memorandum or regulation it
 * comes from and the legal basis it rests on (law and article).
 */
public record Measure(String id, MeasureKind kind, MeasureClass measureClass, String name, String nameEn,
    Memorandum basis, String legalBasis, List<Trigger> triggers, List<String> actions, Set<Reach> reaches,
    List<String> departments) {
  public Measure {
    triggers = List.copyOf(triggers);
    actions = List.copyOf(actions);
    reaches = Set.copyOf(reaches);
    departments = List.copyOf(departments);
  }

  public boolean governs(String action) {
    return actions.contains(action);
  }

  public boolean triggeredBy(RecordBody body) {
    return triggers.stream().anyMatch(t -> t.matches(body));
  }

  /**
   * Why a record that triggers this measure does not count on {@code day} ({@code whyNotPublic}:
   * the record's own reason, e.g. its publicity ended), if it does not. A trigger with a
   * statutory window counts for that window from the record's start instead of its publicity.
   */
  public Optional<String> lapsed(RecordBody body, LocalDate day, Optional<String> whyNotPublic) {
    Optional<String> lapse = whyNotPublic;
    for (Trigger trigger : triggers) {
      if (trigger.matches(body)) {
        lapse = trigger.lapsed(body, day, whyNotPublic);
        if (lapse.isEmpty()) {
          return lapse;
        }
      }
    }
    return lapse;
  }
}
