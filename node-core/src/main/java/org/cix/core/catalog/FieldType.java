package org.cix.core.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cix.core.yaml.Words;

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

  /** How the codes of a {@link #CODES} field are joined in a record. */
  public static final String CODES_SEPARATOR = ";";

  /** The codes a stored code or codes field value holds. */
  public static List<String> codesOf(String stored) {
    return stored.isEmpty() ? List.of() : Arrays.asList(stored.split(CODES_SEPARATOR));
  }

  /** A stored code or codes field value holds {@code code} (one of several, for codes). */
  public static boolean holds(String stored, String code) {
    return codesOf(stored).contains(code);
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<FieldType> of(String word) {
    return Words.of(values(), FieldType::word, word);
  }
}
