package org.cix.core.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.Set;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.reliability.Fault;
import org.cix.reliability.Trials;
import org.junit.jupiter.api.Test;

/**
 * Identifiers, property-based: every code made by the rules is valid; every single-character
 * substitution and every swap of two neighbouring different characters is caught (both check
 * characters are computed modulo a prime, so these are provably detected); and any string at all
 * is answered with a result, a reason code from the documented set when invalid, never an
 * exception. A mistyped code can still be a valid code of the other kind: fuzzing found
 * {@code 514107195808152051}, a resident ID with one digit changed that is a well-formed USCC of a
 * social organisation registered under Henan (a region code not in the table, accepted with a
 * warning as an abolished county); only the kind the code was typed as is bound to refuse it.
 */
class IdentifierPropertyTest {
  static final Fault MISTYPED = new Fault(
      "an identifier with one character substituted or two neighbours swapped (USCC and resident ID, "
          + "property-based)", "refused as the kind it was typed as, with a reason code (fuzzing found that it can be a valid code "
          + "of the other kind)");
  static final Fault ANY_STRING = new Fault(
      "any string as an identifier (digits, letters, full-width forms, control characters, CJK, emoji; 0-40 characters; property-based)",
      "an answer with a documented reason code, never an exception");

  private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneOffset.UTC);
  private static final Set<String> REASONS = Set.of("empty", "bad_length", "bad_charset", "bad_check_digit",
      "unknown_region", "bad_org_type", "bad_authority", "bad_org_code", "bad_birth_date");
  private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final String[] DISTRICTS = {"110105", "110108", "310115", "440305", "330106", "510107"};
  /** Characters a hostile or careless input may hold: digits, letters, full-width forms, controls, CJK. */
  private static final String ANY = USCC_CHARS + "abcxyzIOSVZ xX-_/\\t\n\u0000\u3000\uFF10\uFF19\uFF38\u4e00\u5317"
      + "\uD83D\uDE00\uFEFF";
  private final SubjectIds ids = new SubjectIds(TODAY, PilotAllowlist.empty());

  private static String uscc(Random random) {
    boolean enterprise = random.nextBoolean();
    return PenaltyExports.uscc(random, enterprise ? '9' : '1', '1', DISTRICTS[random.nextInt(DISTRICTS.length)]);
  }

  private static String residentId(Random random) {
    return PenaltyExports.residentId(random, DISTRICTS[random.nextInt(DISTRICTS.length)]);
  }

  @Test
  void generatedCodes_areValid() {
    Trials.check(300, random -> {
      String uscc = uscc(random);
      String id = residentId(random);
      assertThat(ids.check(uscc).isValid()).as(uscc).isTrue();
      assertThat(ids.check(id).isValid()).as(id).isTrue();
    });
  }

  @Test
  void oneSubstitutedCharacter_isCaught() {
    Trials.check(1000, random -> {
      String uscc = uscc(random);
      String id = residentId(random);
      int at = random.nextInt(18);
      int shift = 1 + random.nextInt(30);
      String badUscc = replace(uscc, at, USCC_CHARS.charAt((USCC_CHARS.indexOf(uscc.charAt(at)) + shift) % 31));
      String digits = "0123456789" + (at == 17 ? "X" : "");
      int radix = digits.length();
      String badId = replace(id, at, digits.charAt((digits.indexOf(id.charAt(at)) + 1 + shift % (radix - 1)) % radix));
      MISTYPED.inflicted(2);
      assertRefused(badUscc, SubjectKind.USCC);
      assertRefused(badId, SubjectKind.RESIDENT_ID);
    });
  }

  @Test
  void twoNeighboursSwapped_areCaught() {
    Trials.check(1000, random -> {
      int at = random.nextInt(17);
      swapped(uscc(random), at, SubjectKind.USCC);
      swapped(residentId(random), at, SubjectKind.RESIDENT_ID);
    });
  }

  private void swapped(String code, int at, SubjectKind kind) {
    if (code.charAt(at) != code.charAt(at + 1)) {
      MISTYPED.inflicted();
      assertRefused(code.substring(0, at) + code.charAt(at + 1) + code.charAt(at) + code.substring(at + 2), kind);
    }
  }

  @Test
  void anyString_getsAnAnswer() {
    Trials.check(1000, random -> {
      String input = random.nextInt(3) == 0
          ? Trials.string(random, ANY, 18 + random.nextInt(2))
          : Trials.string(random, ANY, 40);
      ANY_STRING.inflicted();
      IdCheck check = ids.check(input);
      if (!check.isValid()) {
        assertThat(check.rejection()).hasValueSatisfying(r -> assertThat(REASONS).contains(r.code()));
      }
    });
  }

  /** Not a valid code of {@code typedAs} (it may be a valid one of the other kind). */
  private void assertRefused(String code, SubjectKind typedAs) {
    IdCheck check = ids.check(code);
    if (check.isValid()) {
      assertThat(check.kind()).as(code).isNotEqualTo(java.util.Optional.of(typedAs));
    } else {
      assertThat(REASONS).contains(check.rejection().orElseThrow().code());
    }
  }

  private static String replace(String s, int at, char c) {
    return s.substring(0, at) + c + s.substring(at + 1);
  }
}
