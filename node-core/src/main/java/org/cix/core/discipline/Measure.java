package org.cix.core.discipline;

import java.util.List;
import org.cix.proto.v1.RecordBody;

/**
 * One joint punishment or reward: what triggers it, which actions it governs, the departments
 * that carry it out and its legal basis.
 */
public record Measure(String id, MeasureKind kind, String name, String nameEn, Memorandum basis,
    List<Trigger> triggers, List<String> actions, List<String> departments) {
  public Measure {
    triggers = List.copyOf(triggers);
    actions = List.copyOf(actions);
    departments = List.copyOf(departments);
  }

  public boolean governs(String action) {
    return actions.contains(action);
  }

  public boolean triggeredBy(RecordBody body) {
    return triggers.stream().anyMatch(t -> t.matches(body));
  }
}
