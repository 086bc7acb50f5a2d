package org.cix.core.node;

/** Where a node sits in the hierarchy, read off the length of its jurisdiction. */
public enum NodeLevel {
  NATIONAL,
  PROVINCE,
  CITY,
  DISTRICT;

  public static NodeLevel of(Jurisdiction jurisdiction) {
    return switch (jurisdiction.code().length()) {
      case 0 -> NATIONAL;
      case 2 -> PROVINCE;
      case 4 -> CITY;
      default -> DISTRICT;
    };
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
