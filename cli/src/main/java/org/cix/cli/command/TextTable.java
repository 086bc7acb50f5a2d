package org.cix.cli.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.cix.core.record.ChinaDate;

/** Aligned text tables for the terminal; CJK characters count as two columns. */
public final class TextTable {
  private TextTable() {}

  public static void print(List<String[]> rows, PrintWriter out) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], displayWidth(row[i]));
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - displayWidth(row[i]) + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  static int displayWidth(String s) {
    int width = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      width += (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xFF00 && c <= 0xFF60) ? 2 : 1;
    }
    return width;
  }

  private static final java.time.format.DateTimeFormatter BEIJING = java.time.format.DateTimeFormatter
      .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ChinaDate.ZONE);

  /** An instant as the date and time in Beijing, the time every table shows. */
  /** {@code n} and the noun, singular for one: "1 certificate", "2 certificates", "1,024 records". */
  public static String count(long n, String singular, String plural) {
    return String.format(java.util.Locale.ROOT, "%,d %s", n, n == 1 ? singular : plural);
  }

  public static String beijing(long epochMillis) {
    return BEIJING.format(java.time.Instant.ofEpochMilli(epochMillis));
  }

  /** A protobuf enum constant as a word: LINK_STATE_UP with prefix LINK_STATE_ is "up"; "-" when unspecified. */
  public static String word(Enum<?> value, String prefix) {
    return value.name().endsWith("_UNSPECIFIED") ? "-" : value.name().replace(prefix, "").toLowerCase(Locale.ROOT);
  }

  /** A short human duration: 850ms, 12s, 3m05s, 2h10m, 3d4h. */
  public static String duration(long millis) {
    if (millis < 1000) {
      return Math.max(0, millis) + "ms";
    }
    long s = millis / 1000;
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    if (s < 86400) {
      return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format("%dd%dh", s / 86400, (s % 86400) / 3600);
  }
}
