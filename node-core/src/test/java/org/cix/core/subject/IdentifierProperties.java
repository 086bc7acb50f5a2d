package org.cix.core.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.reliability.Fault;

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
class IdentifierProperties {
  static final Fault MISTYPED = new Fault(
      "an identifier with one character substituted or two neighbours swapped (USCC and resident ID, "
          + "property-based)", "refused as the kind it was typed as, with a reason code (fuzzing found that it can be a valid code "
          + "of the other kind)");
  static final Fault ANY_STRING = new Fault(
      "any string as an identifier (random Unicode, control characters, any length; property-based)",
      "an answer with a documented reason code, never an exception");

  private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneOffset.UTC);
  private static final Set<String> REASONS = Set.of("empty", "bad_length", "bad_charset", "bad_check_digit",
      "unknown_region", "bad_org_type", "bad_authority", "bad_org_code", "bad_birth_date");
  private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final String[] DISTRICTS = {"110105", "110108", "310115", "440305", "330106", "510107"};
  private final SubjectIds ids = new SubjectIds(TODAY, PilotAllowlist.empty());

  @Provide
  Arbitrary<String> usccs() {
    return Arbitraries.longs().map(seed -> {
      Random random = new Random(seed);
      boolean enterprise = random.nextBoolean();
      return PenaltyExports.uscc(random, enterprise ? '9' : '1', '1', DISTRICTS[random.nextInt(DISTRICTS.length)]);
    });
  }

  @Provide
  Arbitrary<String> residentIds() {
    return Arbitraries.longs().map(seed -> {
      Random random = new Random(seed);
      return PenaltyExports.residentId(random, DISTRICTS[random.nextInt(DISTRICTS.length)]);
    });
  }

  @Property(tries = 300)
  void generatedCodes_areValid(@ForAll("usccs") String uscc, @ForAll("residentIds") String id) {
    assertThat(ids.check(uscc).isValid()).as(uscc).isTrue();
    assertThat(ids.check(id).isValid()).as(id).isTrue();
  }

  @Property(tries = 1000)
  void oneSubstitutedCharacter_isCaught(@ForAll("usccs") String uscc, @ForAll("residentIds") String id,
      @ForAll @IntRange(max = 17) int at, @ForAll @IntRange(min = 1, max = 30) int shift) {
    String badUscc = replace(uscc, at, USCC_CHARS.charAt((USCC_CHARS.indexOf(uscc.charAt(at)) + shift) % 31));
    String digits = "0123456789" + (at == 17 ? "X" : "");
    int radix = digits.length();
    String badId = replace(id, at, digits.charAt((digits.indexOf(id.charAt(at)) + 1 + shift % (radix - 1)) % radix));
    MISTYPED.inflicted(2);
    assertRefused(badUscc, SubjectKind.USCC);
    assertRefused(badId, SubjectKind.RESIDENT_ID);
  }

  @Property(tries = 1000)
  void twoNeighboursSwapped_areCaught(@ForAll("usccs") String uscc, @ForAll("residentIds") String id,
      @ForAll @IntRange(max = 16) int at) {
    for (String code : new String[] {uscc, id}) {
      if (code.charAt(at) != code.charAt(at + 1)) {
        MISTYPED.inflicted();
        assertRefused(code.substring(0, at) + code.charAt(at + 1) + code.charAt(at) + code.substring(at + 2),
            code == uscc ? SubjectKind.USCC : SubjectKind.RESIDENT_ID);
      }
    }
  }

  @Property(tries = 1000)
  void anyString_getsAnAnswer(@ForAll String input) {
    ANY_STRING.inflicted();
    IdCheck check = ids.check(input);
    if (!check.isValid()) {
      assertThat(check.rejection()).hasValueSatisfying(r -> assertThat(REASONS).contains(r.code()));
    }
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
