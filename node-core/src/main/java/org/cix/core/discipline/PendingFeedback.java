package org.cix.core.discipline;

import java.util.Map;

/** A feedback row waiting in the check log's outbox to become a record, by field key. */
public record PendingFeedback(long id, Map<String, String> row) {
  public PendingFeedback {
    row = Map.copyOf(row);
  }
}
