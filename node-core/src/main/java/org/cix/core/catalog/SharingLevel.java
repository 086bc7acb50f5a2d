package org.cix.core.catalog;

import java.util.Locale;

/** The government data-sharing classes. */
public enum SharingLevel {
  /** Any node may receive it. */
  UNCONDITIONAL,
  /** Only nodes holding a grant for the type and purpose. */
  CONDITIONAL,
  /** Never leaves its node. */
  NOT_SHARED;

  public String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
