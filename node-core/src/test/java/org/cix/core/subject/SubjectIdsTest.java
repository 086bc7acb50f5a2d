package org.cix.core.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectIdsTest {
  private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneOffset.UTC);
  private final SubjectIds ids = new SubjectIds(TODAY, PilotAllowlist.empty());

  @ParameterizedTest
  @ValueSource(strings = {"9144030071526726XG", "914403001922038216", "91330100799655058B", "91350100M000100Y43",
      "12100000400000624D", "91110000802100433B"})
  void check_publishedUsccs_areValid(String code) {
    IdCheck check = ids.check(code);
    assertThat(check.isValid()).as(check.toString()).isTrue();
    assertThat(check.kind()).contains(SubjectKind.USCC);
    assertThat(check.warning()).isEmpty();
  }

  @Test
  void check_standardsSampleResidentId_isValid() {
    IdCheck check = ids.check("11010519491231002X");
    assertThat(check.isValid()).isTrue();
    assertThat(check.kind()).contains(SubjectKind.RESIDENT_ID);
  }

  @ParameterizedTest
  @CsvSource({
      "81000019900101001, Hong Kong residents' residence permit",
      "82000019750322004, Macao residents' residence permit",
      "83000019850615002, Taiwan residents' residence permit",
      "91184019800101011, foreigner's permanent residence identity card (2023): Beijing, USA",
      "93139220011105022, foreigner's permanent residence identity card (2023): Shanghai, Japan"})
  void check_permitsAndForeignPermanentResidentCards_arePersonsLikeResidentIds(String first17, String what) {
    String id = first17 + ResidentIds.checkCharacter(first17);
    IdCheck check = ids.check(id);
    assertThat(check.isValid()).as(what + ": " + check).isTrue();
    assertThat(check.kind()).contains(SubjectKind.RESIDENT_ID);
    assertThat(check.normalised()).contains(id);
    assertThat(check.warning()).isEmpty();
    assertThat(ids.check(first17 + (ResidentIds.checkCharacter(first17) == '0' ? '1' : '0')).rejection())
        .as("the same MOD 11-2 check").map(IdRejection::code).contains("bad_check_digit");
  }

  @Test
  void check_foreignPermanentResidentCardOfNoProvince_isRefused() {
    String first17 = "99984019800101011";
    assertThat(ids.check(first17 + ResidentIds.checkCharacter(first17)).rejection()).map(IdRejection::code)
        .contains("unknown_region");
  }

  @Test
  void check_firstGenerationFifteenDigitId_isReadAsItsEighteenDigitForm() {
    IdCheck check = ids.check(" 110105491231002 ");
    assertThat(check.isValid()).as(check.toString()).isTrue();
    assertThat(check.kind()).contains(SubjectKind.RESIDENT_ID);
    assertThat(check.normalised()).as("the standard's sample, upgraded").contains("11010519491231002X");
    assertThat(check.warning()).hasValueSatisfying(w -> assertThat(w).contains("15-digit"));
    assertThat(ids.check("110105491331002").rejection()).map(IdRejection::code).contains("bad_birth_date");
    assertThat(ids.check("990105491231002").rejection()).map(IdRejection::code).contains("unknown_region");
  }

  @ParameterizedTest
  @CsvSource({
      "'', ,empty",
      "9144030071526726X, ,bad_length",
      "1101051949123100, RESIDENT_ID, bad_length",
      "9144030071526726XI, USCC, bad_charset",
      "B144030071526726XG, USCC, bad_authority",
      "9544030071526726XG, USCC, bad_org_type",
      "91990300715267260G, USCC, unknown_region",
      "9144030071526727XG, USCC, bad_org_code",
      "9144030071526726XH, USCC, bad_check_digit",
      "11010519491231002Y, RESIDENT_ID, bad_charset",
      "121000004000006240, USCC, bad_check_digit",
      "110105194913310021, RESIDENT_ID, bad_birth_date",
      "110105202712310025, RESIDENT_ID, bad_birth_date",
      "110105194912310021, RESIDENT_ID, bad_check_digit",
      "990105194912310027, RESIDENT_ID, unknown_region",
      "GS110105600000014, REGISTRATION_NUMBER, bad_check_digit",
      "GS11010560000001A, REGISTRATION_NUMBER, bad_charset",
      "00000000000000000X, USCC, placeholder_uscc"})
  void check_badIdentifiers_nameTheirReason(String input, String kind, String reason) {
    IdCheck check = ids.check(input == null ? "" : input);
    assertThat(check.isValid()).isFalse();
    assertThat(check.rejection().map(IdRejection::code)).contains(reason);
    assertThat(check.kind()).isEqualTo(Optional.ofNullable(kind).map(SubjectKind::valueOf));
  }

  /**
   * An individual business without a USCC (双公示: 17 zeros and X, 工商注册号 in 行政相对人代码_2) is
   * known as GS and its 15-digit registration number, whose last digit is a GB/T 17710 (ISO 7064
   * MOD 11,10) check digit; its region is the registration authority's.
   */
  @ParameterizedTest
  @CsvSource({"gs110105600000013, GS110105600000013, 110105", "GS310115600123458, GS310115600123458, 310115",
      "ＧＳ４４０３０５００１２３４５６３, GS440305001234563, 440305"})
  void check_registrationNumbers_ofIndividualBusinessesWithoutAUscc(String input, String normalised, String region) {
    IdCheck check = ids.check(input);
    assertThat(check.isValid()).as(check.toString()).isTrue();
    assertThat(check.kind()).contains(SubjectKind.REGISTRATION_NUMBER);
    assertThat(check.normalised()).contains(normalised);
    assertThat(check.region()).contains(region);
    assertThat(check.loggable()).as("not personal data").isEqualTo(input);
    assertThat(RegistrationNumbers.checkDigit("0794")).as("ISO 7064's MOD 11,10 example").isEqualTo('5');
  }

  @Test
  void check_normalisesWhatDepartmentsSend() {
    assertThat(ids.check("  11010519491231002x ").normalised()).contains("11010519491231002X");
    assertThat(ids.check("９１４４０３００７１５２６７２６ＸＧ").normalised()).contains("9144030071526726XG");
  }

  @Test
  void check_abolishedCountyUnderKnownProvince_isValidWithWarning() {
    String first17 = "91110199" + "MA0000000".substring(0, 8);
    String body = first17.substring(8, 16) + Usccs.organisationCheckCharacter(first17.substring(8, 16));
    String code17 = first17.substring(0, 8) + body;
    String code = code17 + Usccs.checkCharacter(code17);

    IdCheck check = ids.check(code);

    assertThat(check.isValid()).as(check.toString()).isTrue();
    assertThat(check.warning()).hasValueSatisfying(w -> assertThat(w).contains("110199"));
  }

  @Test
  void check_pilotCodeOnAllowlist_isValidWithWarning() {
    String pilot = "9144030071526726XH";
    SubjectIds withPilots = new SubjectIds(TODAY, PilotAllowlist.of(Set.of(pilot)));

    IdCheck check = withPilots.check(pilot);

    assertThat(check.isValid()).isTrue();
    assertThat(check.warning()).contains("pilot code on the allowlist (fails bad_check_digit)");
    assertThat(ids.check(pilot).isValid()).isFalse();
  }

  @Test
  void loggable_masksResidentIds_only() {
    assertThat(ids.check("11010519491231002X").loggable()).isEqualTo("110105**********2X");
    assertThat(ids.check("110105194912310021").loggable()).isEqualTo("110105**********21");
    assertThat(ids.check("9144030071526726XG").loggable()).isEqualTo("9144030071526726XG");
  }

  @Test
  void check_anySingleCharacterChange_isCaught() {
    Random random = new Random(20261127);
    String alphabet = Usccs.ALPHABET;
    for (int n = 0; n < 2_000; n++) {
      String code = randomUscc(random);
      assertThat(ids.check(code).isValid()).as(code).isTrue();
      int position = random.nextInt(18);
      char replacement;
      do {
        replacement = alphabet.charAt(random.nextInt(alphabet.length()));
      } while (replacement == code.charAt(position));
      String changed = code.substring(0, position) + replacement + code.substring(position + 1);
      assertThat(ids.check(changed).isValid()).as(code + " -> " + changed).isFalse();

      String person = randomResidentId(random);
      assertThat(ids.check(person).isValid()).as(person).isTrue();
      int p = random.nextInt(17);
      char digit = (char) ('0' + (person.charAt(p) - '0' + 1 + random.nextInt(9)) % 10);
      String changedPerson = person.substring(0, p) + digit + person.substring(p + 1);
      assertThat(ids.check(changedPerson).isValid()).as(person + " -> " + changedPerson).isFalse();
    }
  }

  private static String randomUscc(Random random) {
    StringBuilder body = new StringBuilder();
    String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (int i = 0; i < 8; i++) {
      body.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    char orgCheck = Usccs.organisationCheckCharacter(body.toString());
    String first17 = "91" + "440300" + body + orgCheck;
    if (alphabet.indexOf(orgCheck) < 0) {
      return randomUscc(random);
    }
    return first17 + Usccs.checkCharacter(first17);
  }

  private static String randomResidentId(Random random) {
    String first17 = String.format("110105%04d%02d%02d%03d", 1950 + random.nextInt(60), 1 + random.nextInt(12),
        1 + random.nextInt(28), random.nextInt(1000));
    return first17 + ResidentIds.checkCharacter(first17);
  }
}
