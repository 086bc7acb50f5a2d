package org.cix.crypto.pki;

/**
 * The containment rule of GB/T 2260 jurisdictions as certificates use it: a jurisdiction is a
 * prefix of region codes ({@code ""} national, {@code 11} a province, {@code 1101} a city,
 * {@code 110105} a district), and an outer one contains every code it prefixes.
 */
public final class Jurisdictions {
  private Jurisdictions() {}

  /** True when {@code inner} is {@code outer} or lies inside it. */
  public static boolean contains(String outer, String inner) {
    return inner.startsWith(outer);
  }

  /** True when {@code inner} lies inside {@code outer} and is not {@code outer} itself. */
  public static boolean strictlyContains(String outer, String inner) {
    return inner.length() > outer.length() && inner.startsWith(outer);
  }

  /** A well-formed jurisdiction: empty, or 2, 4 or 6 digits. */
  public static boolean isWellFormed(String code) {
    if (code == null) {
      return false;
    }
    int n = code.length();
    if (n != 0 && n != 2 && n != 4 && n != 6) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** For messages: the code, or "national" for the empty prefix. */
  public static String describe(String code) {
    return code.isEmpty() ? "national" : code;
  }
}
