package org.cix.core.subject;

import java.util.Locale;

/** Why an identifier is refused; {@link #code()} is stable and appears in reports and JSON. */
public enum IdRejection {
  /** Empty input. */
  EMPTY,
  /** Not 18 characters. */
  BAD_LENGTH,
  /** A character outside the identifier's alphabet. */
  BAD_CHARSET,
  /** USCC position 1: no such registration authority. */
  BAD_AUTHORITY,
  /** USCC position 2: no such organisation type for the authority. */
  BAD_ORG_TYPE,
  /** The region part names no GB/T 2260 province. */
  UNKNOWN_REGION,
  /** USCC positions 9-17: the organisation code fails its GB 11714 check. */
  BAD_ORG_CODE,
  /** Resident ID: the birth date is not a real date, or lies in the future. */
  BAD_BIRTH_DATE,
  /** The final check character does not match. */
  BAD_CHECK_DIGIT,
  /**
   * 17 zeros and X: an individual business without a USCC, identified by its registration number
   * (行政相对人代码_2), not by this.
   */
  PLACEHOLDER_USCC;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
