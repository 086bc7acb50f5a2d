package org.cix.core.ingest;

import org.cix.core.error.CixException;

/**
 * When an ingest's reading stage hands its rows to the storing stage, and so how many versions one
 * seal and one transaction hold: after {@code rows} rows, or sooner once the rows' text reaches
 * {@code chars} characters. The bound on text keeps the rows in flight between the stages (each
 * several times its text in the heap, parsed and standardised) within a small heap, however wide
 * the rows.
 */
public record BatchLimit(int rows, long chars) {
  public BatchLimit {
    if (rows < 1 || chars < 1) {
      throw CixException.invalidInput("a batch holds at least one row and one character, not " + rows
          + " rows and " + chars + " characters");
    }
  }

  /** Batches of {@code rows} rows, however long. */
  public static BatchLimit rows(int rows) {
    return new BatchLimit(rows, Long.MAX_VALUE);
  }

  /** Whether a batch of {@code rowCount} rows holding {@code charCount} characters is full. */
  boolean reached(int rowCount, long charCount) {
    return rowCount >= rows || charCount >= chars;
  }

  /** The characters of {@code row}'s values. */
  static long chars(SourceRow row) {
    long chars = 0;
    for (String value : row.values().values()) {
      chars += value == null ? 0 : value.length();
    }
    return chars;
  }
}
