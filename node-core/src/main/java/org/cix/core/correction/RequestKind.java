package org.cix.core.correction;

import java.util.Locale;
import org.cix.core.error.CixException;

/** What a request asks of the record's origin. */
public enum RequestKind {
  /** 异议: the record is wrong; the origin upholds, corrects or revokes it. */
  OBJECTION,
  /** 信用修复: end the record's publicity early, the conditions having been met. */
  REPAIR;

  public static RequestKind of(String word) {
    try {
      return valueOf(word.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CixException.invalidInput("'" + word + "' is not a kind of request (OBJECTION, REPAIR)");
    }
  }
}
