package org.cix.core.catalog;

import java.time.Period;
import java.util.List;
import java.util.Optional;

/**
 * When a record is shown and used: from the date in {@code fromField} until the earliest date set
 * among {@code untilFields} (a removal date before a planned end), or, with none set, for {@code
 * defaultLength} after the start; with neither, until a new version ends it. A declared end must
 * lie between {@code shortest} and {@code longest} after the start when they are given (the
 * statutory publicity period). Credit repair may end it early, but not before {@code repairAfter}
 * from the start; without one, records of the type are not repaired early.
 */
public record Publicity(String fromField, List<String> untilFields, Optional<Period> defaultLength,
    Optional<Period> repairAfter, Optional<Period> shortest, Optional<Period> longest) {
  public Publicity {
    untilFields = List.copyOf(untilFields);
  }

  /** No bounds on a declared end. */
  public Publicity(String fromField, List<String> untilFields, Optional<Period> defaultLength,
      Optional<Period> repairAfter) {
    this(fromField, untilFields, defaultLength, repairAfter, Optional.empty(), Optional.empty());
  }
}
