package org.cix.core.quality;

/** What a quality issue is about. */
public enum IssueKind {
  /** A row of a department export refused at ingest. */
  REJECTED,
  /** A record version refused when it came over a link. */
  REFUSED,
  /** The same record (same identifying fields) with other content from another source. */
  CONFLICT,
  /** An enterprise (USCC) named differently by different records. */
  NAME_MISMATCH;

  /** The kind of issue a quarantined item from {@code source} ("ingest:FILE", "link:NODE") is. */
  public static IssueKind ofQuarantineSource(String source) {
    return source.startsWith("link:") ? REFUSED : REJECTED;
  }
}
