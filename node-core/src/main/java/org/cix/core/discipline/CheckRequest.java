package org.cix.core.discipline;

import java.time.Duration;

/**
 * A check as it is asked: the subject, the action about to be taken, who asks for what purpose
 * (recorded with every check), and how long the node may take to ask other nodes.
 */
public record CheckRequest(String subject, String action, String asker, String purpose, Duration within) {
  /** How long a check may wait for other nodes unless told otherwise. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(3);

  public CheckRequest(String subject, String action, String asker, String purpose) {
    this(subject, action, asker, purpose, DEFAULT_WAIT);
  }
}
