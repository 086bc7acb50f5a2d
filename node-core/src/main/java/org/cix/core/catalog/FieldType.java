package org.cix.core.catalog;

import java.util.Locale;
import java.util.Optional;

/** The kinds of value a catalog field holds, as written in the catalog ({@code subject-id}, ...). */
public enum FieldType {
  /** Free text, up to the field's maximum length. */
  TEXT,
  /** One value of the field's code list. */
  CODE,
  /** One or more values of the code list, separated by ';'. */
  CODES,
  /** A calendar date, stored as yyyy-MM-dd. */
  DATE,
  /** A decimal number. */
  DECIMAL,
  /** A whole number. */
  INTEGER,
  /** A subject identifier: USCC or resident ID number. */
  SUBJECT_ID,
  /** A Unified Social Credit Code (departments, authorities). */
  USCC,
  /** A GB/T 4754 industry code: section letter and up to 4 digits (C3011). */
  INDUSTRY;

  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<FieldType> of(String word) {
    for (FieldType type : values()) {
      if (type.word().equals(word)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
