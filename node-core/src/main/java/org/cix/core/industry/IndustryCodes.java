package org.cix.core.industry;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GB/T 4754-2017 国民经济行业分类 codes: a section letter (门类), optionally followed by the
 * division (大类, 2 digits), group (中类, 3) or class (小类, 4), e.g. {@code C}, {@code C30},
 * {@code C301}, {@code C3011}. A division must lie in its section's range. Codes are kept with
 * their section letter, so a code's prefixes are its ancestors.
 */
public final class IndustryCodes {
  private static final Pattern CODE = Pattern.compile("([A-T])(\\d{2,4})?");

  /** A section: its name and the range of its divisions. */
  private record Section(char letter, String name, int firstDivision, int lastDivision) {}

  private static final Map<Character, Section> SECTIONS = Map.ofEntries(
      section('A', "农、林、牧、渔业", 1, 5),
      section('B', "采矿业", 6, 12),
      section('C', "制造业", 13, 43),
      section('D', "电力、热力、燃气及水生产和供应业", 44, 46),
      section('E', "建筑业", 47, 50),
      section('F', "批发和零售业", 51, 52),
      section('G', "交通运输、仓储和邮政业", 53, 60),
      section('H', "住宿和餐饮业", 61, 62),
      section('I', "信息传输、软件和信息技术服务业", 63, 65),
      section('J', "金融业", 66, 69),
      section('K', "房地产业", 70, 70),
      section('L', "租赁和商务服务业", 71, 72),
      section('M', "科学研究和技术服务业", 73, 75),
      section('N', "水利、环境和公共设施管理业", 76, 79),
      section('O', "居民服务、修理和其他服务业", 80, 82),
      section('P', "教育", 83, 83),
      section('Q', "卫生和社会工作", 84, 85),
      section('R', "文化、体育和娱乐业", 86, 90),
      section('S', "公共管理、社会保障和社会组织", 91, 96),
      section('T', "国际组织", 97, 97));

  private IndustryCodes() {}

  private static Map.Entry<Character, Section> section(char letter, String name, int first, int last) {
    return Map.entry(letter, new Section(letter, name, first, last));
  }

  /** The code in standard form (upper case, section letter first), or why it is not one. */
  public static Optional<String> normalise(String raw) {
    return check(raw).isEmpty() ? Optional.of(raw.strip().toUpperCase(Locale.ROOT)) : Optional.empty();
  }

  /** Why {@code raw} is not a GB/T 4754 code; empty when it is one. */
  public static Optional<String> check(String raw) {
    Matcher m = CODE.matcher(raw.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.of("'" + raw + "' is not a GB/T 4754 industry code (a section letter A-T, optionally followed "
          + "by 2 to 4 digits, e.g. C3011)");
    }
    Section section = SECTIONS.get(m.group(1).charAt(0));
    if (m.group(2) != null) {
      int division = Integer.parseInt(m.group(2).substring(0, 2));
      if (division < section.firstDivision() || division > section.lastDivision()) {
        return Optional.of("'" + raw + "': division " + m.group(2).substring(0, 2) + " is not in section "
            + section.letter() + " " + section.name() + " (" + String.format("%02d-%02d", section.firstDivision(),
            section.lastDivision()) + ")");
      }
    }
    return Optional.empty();
  }

  /** Whether {@code code} is {@code scope} or lies under it (both in standard form). */
  public static boolean within(String code, String scope) {
    return code.startsWith(scope);
  }
}
