package org.cix.core.ingest;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.Publicity;
import org.cix.core.catalog.RecordType;

/**
 * The dates of a row against its type's publicity rule, at ingest: the start (the decision or
 * listing date) not after today, no declared end before the start, and a declared end within the
 * statutory period (from {@link Publicity#earliestEnd}, the longest minimum that holds for the
 * row, to {@link Publicity#longest()} after the start).
 * Only rows ingested here are held to it: versions received from other nodes were judged by
 * their origin, under the rules it had then.
 */
final class PublicityWindow {
  private PublicityWindow() {}

  static Optional<RowProblem> check(RecordType type, Map<String, String> fields, LocalDate today) {
    Publicity publicity = type.publicity();
    String fromText = fields.getOrDefault(publicity.fromField(), "");
    if (fromText.isEmpty()) {
      return Optional.empty();
    }
    LocalDate from = LocalDate.parse(fromText);
    if (from.isAfter(today)) {
      return Optional.of(new RowProblem(publicity.fromField(), "date_in_future",
          type.fieldLabel(publicity.fromField()) + " " + from + " lies in the future (today is " + today + ")"));
    }
    for (String key : publicity.untilFields()) {
      String untilText = fields.getOrDefault(key, "");
      if (untilText.isEmpty()) {
        continue;
      }
      LocalDate until = LocalDate.parse(untilText);
      if (until.isBefore(from)) {
        return Optional.of(new RowProblem(key, "dates_out_of_order", type.fieldLabel(key) + " " + until
            + " lies before " + type.fieldLabel(publicity.fromField()) + " " + from));
      }
      Optional<RowProblem> tooShort = publicity.earliestEnd(from, f -> fields.getOrDefault(f, ""))
          .filter(until::isBefore).map(earliest -> bound(type, key, until, from, earliest, "publicity_too_short",
              "at least the minimum"));
      Optional<RowProblem> tooLong = publicity.longest().map(from::plus).filter(until::isAfter)
          .map(latest -> bound(type, key, until, from, latest, "publicity_too_long", "at most the maximum"));
      if (tooShort.isPresent() || tooLong.isPresent()) {
        return tooShort.or(() -> tooLong);
      }
    }
    return Optional.empty();
  }

  private static RowProblem bound(RecordType type, String key, LocalDate until, LocalDate from, LocalDate limit,
      String code, String word) {
    return new RowProblem(key, code, type.fieldLabel(key) + " " + until + " is not " + word + " after "
        + type.fieldLabel(type.publicity().fromField()) + " " + from + " (" + limit + ")");
  }
}
