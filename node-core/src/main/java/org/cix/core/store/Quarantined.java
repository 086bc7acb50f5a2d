package org.cix.core.store;

/**
 * Something refused and kept with its reason, never dropped silently: a rejected ingest row, or
 * (from sync) a record version that failed a check. Each is also an issue in the quality queue
 * of its source department.
 *
 * @param source where it came from: "ingest:FILE" or "link:NODE"
 * @param position row number, bundle item, ... within the source
 * @param reasonCode stable code (bad_check_digit, missing_field, bad_date, ...)
 * @param detail the field and what was wrong, for people
 * @param content the raw row or bytes, when kept
 * @param department USCC of the source department, when the row names it validly; else empty
 * @param departmentName the source department's name, when the row gives it; else empty
 */
public record Quarantined(String source, String position, String reasonCode, String detail, byte[] content,
    String department, String departmentName) {
  /** Refused before its source department could be read. */
  public Quarantined(String source, String position, String reasonCode, String detail, byte[] content) {
    this(source, position, reasonCode, detail, content, "", "");
  }
}
