package org.cix.core.catalog;

import java.time.Period;
import java.util.Optional;

/**
 * When a record is shown and used: from the date in {@code fromField} until the date in
 * {@code untilField}, or, without one, for {@code defaultLength} after the start; with neither,
 * until a new version ends it. Credit repair may end it early, but not before {@code repairAfter}
 * from the start (the minimum publicity period); without one, records of the type are not
 * repaired early.
 */
public record Publicity(String fromField, Optional<String> untilField, Optional<Period> defaultLength,
    Optional<Period> repairAfter) {}
