package org.cix.core.subject;

/** What a subject identifier names. */
public enum SubjectKind {
  /** A legal person or other organisation, by Unified Social Credit Code (GB 32100). */
  USCC,
  /** A natural person, by resident identity card number (GB 11643). */
  RESIDENT_ID
}
