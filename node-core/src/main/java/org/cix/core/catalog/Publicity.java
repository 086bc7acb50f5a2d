package org.cix.core.catalog;

import java.time.Period;
import java.util.Optional;

/**
 * When a record is shown and used: from the date in {@code fromField} until the date in
 * {@code untilField}, or, without one, for {@code defaultLength} after the start; with neither,
 * until a new version ends it.
 */
public record Publicity(String fromField, Optional<String> untilField, Optional<Period> defaultLength) {}
