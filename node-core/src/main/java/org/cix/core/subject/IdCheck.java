package org.cix.core.subject;

import java.util.Optional;

/**
 * The verdict on one identifier: its kind (when it can be told), the normalised identifier when
 * valid, the rejection otherwise, and a warning for identifiers accepted with reservations
 * (a pilot code on the allowlist, a region that left the GB/T 2260 table).
 */
public record IdCheck(
    String input,
    Optional<SubjectKind> kind,
    Optional<String> normalised,
    Optional<IdRejection> rejection,
    Optional<String> warning) {

  static IdCheck valid(String input, SubjectKind kind, String normalised, Optional<String> warning) {
    return new IdCheck(input, Optional.of(kind), Optional.of(normalised), Optional.empty(), warning);
  }

  static IdCheck rejected(String input, Optional<SubjectKind> kind, IdRejection rejection) {
    return new IdCheck(input, kind, Optional.empty(), Optional.of(rejection), Optional.empty());
  }

  public boolean isValid() {
    return rejection.isEmpty();
  }

  /** The GB/T 2260 region code inside a valid identifier ({@link SubjectKind#region}). */
  public Optional<String> region() {
    return normalised.map(id -> kind.orElseThrow().region(id));
  }

  /** The input as it may appear in logs: resident ID numbers are personal data and masked. */
  public String loggable() {
    boolean personal = kind.map(k -> k == SubjectKind.RESIDENT_ID).orElseGet(() -> looksPersonal(input));
    return personal ? ResidentIds.mask(input) : input;
  }

  private static boolean looksPersonal(String input) {
    return input.length() >= 15 && input.chars().limit(14).allMatch(Character::isDigit);
  }
}
