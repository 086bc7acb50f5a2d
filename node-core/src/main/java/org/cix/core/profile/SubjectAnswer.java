package org.cix.core.profile;

import java.util.List;
import java.util.Set;

/**
 * A node's answer about a subject: the profile (its own records merged with those of the nodes
 * it asked), the nodes that answered, those that did not in time, whether the answer covers
 * every record of the asked types that exists in the federation, and the types withheld from the
 * asker (conditional types without a grant, not-shared types).
 */
public record SubjectAnswer(SubjectProfile profile, List<String> answeredBy, List<Unanswered> unanswered,
    boolean complete, Set<String> withheldTypes) {
  public SubjectAnswer {
    answeredBy = List.copyOf(answeredBy);
    unanswered = List.copyOf(unanswered);
    withheldTypes = Set.copyOf(withheldTypes);
  }
}
