package org.cix.core.correction;

import java.util.Arrays;
import java.util.Locale;
import org.cix.core.error.CixException;

/** How the origin decided a request, and which kind of request each outcome answers. */
public enum Outcome {
  /** The objection is dismissed: the record stands as it is. */
  UPHELD(RequestKind.OBJECTION),
  /** The objection is well founded: a new version with corrected fields. */
  CORRECTED(RequestKind.OBJECTION),
  /** The objection is well founded: the record is revoked. */
  REVOKED(RequestKind.OBJECTION),
  /** Repair approved: publicity ends, the record stops triggering measures. */
  REPAIRED(RequestKind.REPAIR),
  /** Repair refused: the record stays as it is. */
  REFUSED(RequestKind.REPAIR);

  private final RequestKind answers;

  Outcome(RequestKind answers) {
    this.answers = answers;
  }

  public RequestKind answers() {
    return answers;
  }

  /** The outcome named {@code word} for a request of {@code kind}, or a refusal naming the possible ones. */
  public static Outcome of(String word, RequestKind kind) {
    String possible = String.join(", ", Arrays.stream(values()).filter(o -> o.answers == kind).map(Enum::name)
        .toList());
    try {
      Outcome outcome = valueOf(word.trim().toUpperCase(Locale.ROOT));
      if (outcome.answers == kind) {
        return outcome;
      }
    } catch (IllegalArgumentException e) {
      // named below
    }
    throw CixException.invalidInput("'" + word + "' is not an outcome of " + kind.name().toLowerCase(Locale.ROOT)
        + " requests (" + possible + ")");
  }
}
