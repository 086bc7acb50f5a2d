package org.cix.core.subject;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Checks subject identifiers as departments send them: trims, folds full-width characters and
 * lower case, tells a USCC from a resident ID number, and names the reason of every rejection.
 */
public final class SubjectIds {
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private final Clock clock;
  private final PilotAllowlist pilots;

  public SubjectIds(Clock clock, PilotAllowlist pilots) {
    this.clock = clock;
    this.pilots = pilots;
  }

  /** Trimmed, full-width ASCII folded to ASCII, upper case. */
  public static String normalise(String input) {
    StringBuilder out = new StringBuilder(input.length());
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c >= '\uFF01' && c <= '\uFF5E') {
        c = (char) (c - 0xFEE0);
      } else if (c == '\u3000') {
        c = ' ';
      }
      out.append(c);
    }
    return out.toString().strip().toUpperCase(java.util.Locale.ROOT);
  }

  public IdCheck check(String input) {
    String id = normalise(input);
    if (id.isEmpty()) {
      return IdCheck.rejected(input, Optional.empty(), IdRejection.EMPTY);
    }
    if (id.length() == 15 && id.chars().allMatch(Character::isDigit)) {
      return firstGeneration(input, id);
    }
    if (id.startsWith(RegistrationNumbers.PREFIX) && id.length() == 17) {
      return RegistrationNumbers.isValid(id.substring(2))
          ? IdCheck.valid(input, SubjectKind.REGISTRATION_NUMBER, id, Optional.empty())
          : IdCheck.rejected(input, Optional.of(SubjectKind.REGISTRATION_NUMBER), id.substring(2).chars()
              .allMatch(Character::isDigit) ? IdRejection.BAD_CHECK_DIGIT : IdRejection.BAD_CHARSET);
    }
    if (id.equals(RegistrationNumbers.PLACEHOLDER_USCC)) {
      return IdCheck.rejected(input, Optional.of(SubjectKind.USCC), IdRejection.PLACEHOLDER_USCC);
    }
    if (id.length() != 18) {
      Optional<SubjectKind> guess = id.chars().allMatch(Character::isDigit) ? Optional.of(SubjectKind.RESIDENT_ID)
          : Optional.empty();
      return IdCheck.rejected(input, guess, IdRejection.BAD_LENGTH);
    }
    if (!digits17(id)) {
      return checkUscc(input, id);
    }
    LocalDate today = LocalDate.now(clock.withZone(CHINA));
    try {
      return IdCheck.valid(input, SubjectKind.RESIDENT_ID, id, ResidentIds.check(id, today));
    } catch (RegionPart.IdRejectedException asResident) {
      // all digits is ambiguous (a USCC may be all digits): valid as a USCC wins; otherwise the
      // more plausible reading names the reason, a tie going to the resident ID
      IdCheck asUscc = checkUscc(input, id);
      if (asUscc.isValid() || Usccs.plausibility(id) > ResidentIds.plausibility(id)) {
        return asUscc;
      }
      return IdCheck.rejected(input, Optional.of(SubjectKind.RESIDENT_ID), asResident.rejection);
    }
  }

  /** A 15-digit first-generation resident ID, valid as its 18-digit form (which it normalises to). */
  private IdCheck firstGeneration(String input, String id) {
    String upgraded = ResidentIds.upgrade(id);
    try {
      ResidentIds.check(upgraded, LocalDate.now(clock.withZone(CHINA)));
      return IdCheck.valid(input, SubjectKind.RESIDENT_ID, upgraded,
          Optional.of("first-generation 15-digit resident ID, read as its 18-digit form"));
    } catch (RegionPart.IdRejectedException e) {
      return IdCheck.rejected(input, Optional.of(SubjectKind.RESIDENT_ID), e.rejection);
    }
  }

  private IdCheck checkUscc(String input, String code) {
    try {
      return IdCheck.valid(input, SubjectKind.USCC, code, Usccs.check(code));
    } catch (RegionPart.IdRejectedException e) {
      if (pilots.contains(code)) {
        return IdCheck.valid(input, SubjectKind.USCC, code,
            Optional.of("pilot code on the allowlist (fails " + e.rejection.code() + ")"));
      }
      return IdCheck.rejected(input, Optional.of(SubjectKind.USCC), e.rejection);
    }
  }

  private static boolean digits17(String id) {
    for (int i = 0; i < 17; i++) {
      if (!Character.isDigit(id.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
