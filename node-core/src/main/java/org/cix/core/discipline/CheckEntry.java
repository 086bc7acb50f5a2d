package org.cix.core.discipline;

import java.time.Instant;
import java.util.List;

/** One check as the node records it: who asked about whom, for what, and what was decided on which records. */
public record CheckEntry(Instant at, String asker, String purpose, String subjectId, String action, Decision decision,
    List<String> recordIds) {
  public CheckEntry {
    recordIds = List.copyOf(recordIds);
  }
}
