package org.cix.core.subject;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Unified Social Credit Codes (GB 32100-2015): 18 characters of
 * {@code 0123456789ABCDEFGHJKLMNPQRTUWXY}; position 1 the registration authority, 2 the
 * organisation type, 3-8 the region, 9-17 the organisation code (GB 11714, with its own check
 * character), 18 the check character: weights 3^(i-1) mod 31 over positions 1-17,
 * check = (31 - sum mod 31) mod 31.
 */
public final class Usccs {
  static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

  /** Registration authority (position 1) to its organisation types (position 2), per GB 32100 annex. */
  private static final Map<Character, Set<Character>> ORG_TYPES = Map.ofEntries(
      Map.entry('1', Set.of('1', '2', '3', '9')),           // 机构编制: 机关, 事业单位, 群众团体, 其他
      Map.entry('2', Set.of('1', '9')),                     // 外交
      Map.entry('3', Set.of('1', '2', '3', '4', '5', '9')), // 司法行政: 律所, 公证处, 基层法律服务所, 司法鉴定, 仲裁委
      Map.entry('4', Set.of('1', '9')),                     // 文化
      Map.entry('5', Set.of('1', '2', '3', '9')),           // 民政: 社会团体, 民办非企业单位, 基金会
      Map.entry('6', Set.of('1', '2', '9')),                // 旅游
      Map.entry('7', Set.of('1', '2', '9')),                // 宗教
      Map.entry('8', Set.of('1', '9')),                     // 工会
      Map.entry('9', Set.of('1', '2', '3')),                // 市场监管: 企业, 个体工商户, 农民专业合作社
      Map.entry('A', Set.of('1', '9')),                     // 中央军委改革和编制办公室
      Map.entry('N', Set.of('1', '2', '3', '9')),           // 农业: 组级, 村级, 乡镇级集体经济组织
      Map.entry('Y', Set.of('1')));                         // 其他

  private Usccs() {}

  /**
   * Checks a normalised code (upper case, 18 characters).
   *
   * @return a warning when accepted with reservations
   */
  static Optional<String> check(String code) throws RegionPart.IdRejectedException {
    if (code.length() != 18) {
      throw new RegionPart.IdRejectedException(IdRejection.BAD_LENGTH);
    }
    int sum = 0;
    for (int i = 0; i < 18; i++) {
      int value = ALPHABET.indexOf(code.charAt(i));
      if (value < 0) {
        throw new RegionPart.IdRejectedException(IdRejection.BAD_CHARSET);
      }
      if (i < 17) {
        sum += value * WEIGHTS[i];
      }
    }
    Set<Character> types = ORG_TYPES.get(code.charAt(0));
    if (types == null) {
      throw new RegionPart.IdRejectedException(IdRejection.BAD_AUTHORITY);
    }
    if (!types.contains(code.charAt(1))) {
      throw new RegionPart.IdRejectedException(IdRejection.BAD_ORG_TYPE);
    }
    String region = code.substring(2, 8);
    if (!region.chars().allMatch(Character::isDigit)) {
      throw new RegionPart.IdRejectedException(IdRejection.UNKNOWN_REGION);
    }
    Optional<String> warning = RegionPart.check(region);
    if (!organisationCodeValid(code.substring(8, 17))) {
      throw new RegionPart.IdRejectedException(IdRejection.BAD_ORG_CODE);
    }
    if (ALPHABET.charAt((31 - sum % 31) % 31) != code.charAt(17)) {
      throw new RegionPart.IdRejectedException(IdRejection.BAD_CHECK_DIGIT);
    }
    return warning;
  }

  /** How much of an 18-character code reads like a USCC: authority and type (1), region's province (1). */
  static int plausibility(String code) {
    Set<Character> types = ORG_TYPES.get(code.charAt(0));
    int score = types != null && types.contains(code.charAt(1)) ? 1 : 0;
    String province = code.substring(2, 4);
    return score + (org.cix.core.region.Regions.standard().isKnown(province) || "10".equals(province) ? 1 : 0);
  }

  /** GB 11714: eight body characters, weights 3 7 9 10 5 8 4 2, check = 11 - sum mod 11 (10 is X, 11 is 0). */
  public static boolean organisationCodeValid(String code) {
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      char c = code.charAt(i);
      int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
      sum += value * ORG_WEIGHTS[i];
    }
    int check = 11 - sum % 11;
    char expected = check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    return code.charAt(8) == expected;
  }

  /** The check character for 17 leading characters (for generators of test data). */
  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
    }
    return ALPHABET.charAt((31 - sum % 31) % 31);
  }

  /** The GB 11714 check character for 8 body characters (for generators of test data). */
  public static char organisationCheckCharacter(String body8) {
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      char c = body8.charAt(i);
      sum += (Character.isDigit(c) ? c - '0' : c - 'A' + 10) * ORG_WEIGHTS[i];
    }
    int check = 11 - sum % 11;
    return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
  }
}
