package org.cix.core.subject;

/**
 * Individual businesses (个体工商户) registered before the USCC and never given one: 双公示 rows
 * carry 17 zeros and X in 统一社会信用代码 and their 15-digit business registration number
 * (工商注册号) in 行政相对人代码_2. The number's last digit is a check digit (GB/T 17710, ISO 7064
 * MOD 11,10). cix names such a subject {@code GS} followed by the number, so that it cannot be
 * read as a first-generation 15-digit resident ID.
 */
public final class RegistrationNumbers {
  /** What 统一社会信用代码 holds for an individual business without one. */
  public static final String PLACEHOLDER_USCC = "00000000000000000X";
  /** The prefix of a subject identified by its registration number. */
  public static final String PREFIX = "GS";

  private RegistrationNumbers() {}

  /** Fifteen digits whose last is the MOD 11,10 check digit of the first fourteen. */
  public static boolean isValid(String number) {
    return number.length() == 15 && number.chars().allMatch(Character::isDigit)
        && checkDigit(number.substring(0, 14)) == number.charAt(14);
  }

  /** The MOD 11,10 check digit of fourteen digits. */
  public static char checkDigit(String first14) {
    int product = 10;
    for (int i = 0; i < first14.length(); i++) {
      int sum = (product + (first14.charAt(i) - '0')) % 10;
      product = (sum == 0 ? 10 : sum) * 2 % 11;
    }
    return (char) ('0' + (11 - product) % 10);
  }

  /** The subject identifier of the business registered under {@code number}. */
  public static String subjectId(String number) {
    return PREFIX + number;
  }
}
