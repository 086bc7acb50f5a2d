package org.cix.core.profile;

import java.util.List;
import java.util.Set;

/**
 * A question about one subject: the record types that matter (empty: all), who asks at which node
 * and for what purpose, and the nodes it passed on its way here (asking node first).
 */
public record SubjectQuestion(String subject, Set<String> types, String purpose, String asker, String askingNode,
    List<String> path) {
  public SubjectQuestion {
    types = Set.copyOf(types);
    path = List.copyOf(path);
  }

  /** The same question, passed on by {@code node}. */
  public SubjectQuestion via(String node) {
    List<String> longer = new java.util.ArrayList<>(path);
    longer.add(node);
    return new SubjectQuestion(subject, types, purpose, asker, askingNode, longer);
  }
}
