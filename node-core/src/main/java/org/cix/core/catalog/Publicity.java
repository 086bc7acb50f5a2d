package org.cix.core.catalog;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * When a record is shown and used: from the date in {@code fromField} until the earliest date set
 * among {@code untilFields} (a removal date before a planned end), or, with none set, for {@code
 * defaultLength} after the start; with neither, until a new version ends it. A declared end must
 * lie between {@code shortest} and {@code longest} after the start when they are given (the
 * statutory publicity period), or after the longest of the {@code longerMinimums} that hold for the
 * record. Credit repair may end it early, but not before {@code repairAfter} from the start nor
 * before the minimum of the record; without {@code repairAfter}, records of the type are not
 * repaired early.
 */
public record Publicity(String fromField, List<String> untilFields, Optional<Period> defaultLength,
    Optional<Period> repairAfter, Optional<Period> shortest, Optional<Period> longest,
    List<LongerMinimum> longerMinimums) {
  public Publicity {
    untilFields = List.copyOf(untilFields);
    longerMinimums = List.copyOf(longerMinimums);
  }

  /** No bounds on a declared end. */
  public Publicity(String fromField, List<String> untilFields, Optional<Period> defaultLength,
      Optional<Period> repairAfter) {
    this(fromField, untilFields, defaultLength, repairAfter, Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * The earliest day a declared end may fall on for a record starting {@code from} whose fields
   * {@code field} reads (empty when absent): {@link #shortest()} after the start, or the longest of
   * the {@link #longerMinimums()} that hold. Empty when the type sets no minimum.
   */
  public Optional<LocalDate> earliestEnd(LocalDate from, Function<String, String> field) {
    Optional<LocalDate> earliest = shortest.map(from::plus);
    for (LongerMinimum rule : longerMinimums) {
      if (FieldType.holds(field.apply(rule.whenField()), rule.holds())) {
        LocalDate end = from.plus(rule.min());
        earliest = Optional.of(earliest.filter(e -> e.isAfter(end)).orElse(end));
      }
    }
    return earliest;
  }

  /**
   * The first day credit repair may end the publicity of a record starting {@code from}: {@link
   * #repairAfter()} after it, and not before the record's minimum ({@link #earliestEnd}). Empty
   * when records of the type are not repaired early.
   */
  public Optional<LocalDate> repairFrom(LocalDate from, Function<String, String> field) {
    return repairAfter.map(from::plus).map(day -> earliestEnd(from, field).filter(e -> e.isAfter(day)).orElse(day));
  }
}
