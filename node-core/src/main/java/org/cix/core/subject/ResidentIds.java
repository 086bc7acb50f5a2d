package org.cix.core.subject;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Resident identity card numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
 * sequence (odd for men), and an ISO 7064 MOD 11-2 check character ({@code X} for 10). The same
 * layout and check serve the residence permits of Hong Kong, Macao and Taiwan residents (region
 * part {@code 810000}, {@code 820000}, {@code 830000}; State Council, 2018) and, with {@code 9},
 * the issuing province and a 3-digit nationality code in front of the birth date, the foreigners'
 * permanent residence identity card of 2023. First-generation 15-digit numbers (two-digit year
 * of the 1900s, no check character) are read as their 18-digit form ({@link #upgrade}). They are
 * personal data: {@link #mask} is the only form that may be logged.
 */
public final class ResidentIds {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";
  private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1890, 1, 1);
  /** Region parts of the residence permits of Hong Kong, Macao and Taiwan residents. */
  private static final java.util.Set<String> PERMITS = java.util.Set.of("810000", "820000", "830000");
  /** The first digit of a foreigner's permanent residence identity card (2023). */
  private static final char FOREIGN_PERMANENT = '9';

  private ResidentIds() {}

  /**
   * Checks a normalised number against {@code today} (birth dates in the future are refused).
   *
   * @return a warning when accepted with reservations
   */
  static Optional<String> check(String id, LocalDate today) throws RegionPart.IdRejectedException {
    if (id.length() != 18) {
      throw new RegionPart.IdRejectedException(IdRejection.BAD_LENGTH);
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        throw new RegionPart.IdRejectedException(IdRejection.BAD_CHARSET);
      }
      sum += (c - '0') * WEIGHTS[i];
    }
    char last = id.charAt(17);
    if ((last < '0' || last > '9') && last != 'X') {
      throw new RegionPart.IdRejectedException(IdRejection.BAD_CHARSET);
    }
    Optional<String> warning = region(id);
    birthDate(id).filter(d -> !d.isBefore(EARLIEST_BIRTH) && !d.isAfter(today))
        .orElseThrow(() -> new RegionPart.IdRejectedException(IdRejection.BAD_BIRTH_DATE));
    if (CHECK.charAt(sum % 11) != last) {
      throw new RegionPart.IdRejectedException(IdRejection.BAD_CHECK_DIGIT);
    }
    return warning;
  }

  /** The warning of the region part, if any, by the kind of document the number is. */
  private static Optional<String> region(String id) throws RegionPart.IdRejectedException {
    if (PERMITS.contains(id.substring(0, 6))) {
      return Optional.empty();
    }
    if (id.charAt(0) == FOREIGN_PERMANENT) {
      if (!org.cix.core.region.Regions.standard().isKnown(id.substring(1, 3))) {
        throw new RegionPart.IdRejectedException(IdRejection.UNKNOWN_REGION);
      }
      return Optional.empty();
    }
    return RegionPart.check(id.substring(0, 6));
  }

  /**
   * The 18-digit form of a first-generation 15-digit number: the year's {@code 19} inserted
   * before the two-digit year, and the check character appended (GB 11643-1999, annex).
   */
  public static String upgrade(String fifteenDigits) {
    String first17 = fifteenDigits.substring(0, 6) + "19" + fifteenDigits.substring(6);
    return first17 + checkCharacter(first17);
  }

  /**
   * How much of an 18-character number reads like a resident ID (or permit, or foreigner's card):
   * province (1), a real date (1).
   */
  static int plausibility(String id) {
    String province = id.charAt(0) == FOREIGN_PERMANENT ? id.substring(1, 3) : id.substring(0, 2);
    return (org.cix.core.region.Regions.standard().isKnown(province) || PERMITS.contains(id.substring(0, 6)) ? 1 : 0)
        + (birthDate(id).isPresent() ? 1 : 0);
  }

  /** Positions 7-14 as a date, if they are one. */
  public static Optional<LocalDate> birthDate(String id) {
    try {
      return Optional.of(LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
          Integer.parseInt(id.substring(12, 14))));
    } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  /** The check character for 17 leading digits (for generators of test data). */
  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK.charAt(sum % 11);
  }

  /** The loggable form: region kept, the rest hidden but the last two ({@code 110105**********2X}). */
  public static String mask(String id) {
    if (id.length() <= 8) {
      return "*".repeat(id.length());
    }
    return id.substring(0, 6) + "*".repeat(id.length() - 8) + id.substring(id.length() - 2);
  }
}
