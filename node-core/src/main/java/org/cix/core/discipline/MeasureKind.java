package org.cix.core.discipline;

import java.util.Optional;
import org.cix.core.yaml.Words;

/** A joint punishment restricts the subject; a joint reward is an incentive. */
public enum MeasureKind {
  PUNISHMENT("punishment"),
  REWARD("reward");

  private final String word;

  MeasureKind(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  public static Optional<MeasureKind> of(String word) {
    return Words.of(values(), MeasureKind::word, word);
  }
}
