package org.cix.core.discipline;

import java.time.Duration;
import org.cix.core.profile.FederatedProfiles;

/**
 * A check as it is asked: the subject, the action about to be taken, who asks for what purpose
 * (recorded with every check), and how long the node may take to ask other nodes.
 */
public record CheckRequest(String subject, String action, String asker, String purpose, Duration within) {
  public CheckRequest(String subject, String action, String asker, String purpose) {
    this(subject, action, asker, purpose, FederatedProfiles.DEFAULT_WAIT);
  }
}
