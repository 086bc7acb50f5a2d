package org.cix.core.discipline;

import java.util.Optional;
import org.cix.core.yaml.Words;

/**
 * Whom a measure restricts: the subject of the triggering record, and, where the measure's basis
 * says so, the legal representative the record names (an enterprise's listing restricting the
 * person who represents it: 一处失信，处处受限 reaching the person behind the enterprise), or the
 * enterprises whose legal representative the record's subject is (a person's listing restricting
 * the enterprises they represent).
 */
public enum Reach {
  SUBJECT("subject"),
  LEGAL_REPRESENTATIVE("legal-representative"),
  REPRESENTED_ENTERPRISE("represented-enterprise");

  private final String word;

  Reach(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  public static Optional<Reach> of(String word) {
    return Words.of(values(), Reach::word, word);
  }
}
