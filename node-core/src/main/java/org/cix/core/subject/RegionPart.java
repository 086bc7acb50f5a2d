package org.cix.core.subject;

import java.util.Optional;
import org.cix.core.region.Regions;

/**
 * The 6-digit region part of identifiers. County-level codes are listed as such in GB/T 2260; a
 * prefecture is its 4-digit code padded with 00, a province its 2-digit code padded with 0000,
 * and 100000 is registration at national level. Codes of divisions abolished or renamed stay
 * valid for life in old identifiers: an unknown county or city under a known province is
 * accepted with a warning; an unknown province is refused.
 */
final class RegionPart {
  private RegionPart() {}

  /** Empty when the code is current; a warning text when accepted with reservations. */
  static Optional<String> check(String code) throws IdRejectedException {
    Regions regions = Regions.standard();
    if ("100000".equals(code)) {
      return Optional.empty();
    }
    String province = code.substring(0, 2);
    if (!regions.isKnown(province)) {
      throw new IdRejectedException(IdRejection.UNKNOWN_REGION);
    }
    String city = code.substring(0, 4);
    boolean known = code.endsWith("0000")
        || (code.endsWith("00") && regions.isKnown(city))
        || regions.isKnown(code);
    return known ? Optional.empty() : Optional.of("region " + code + " is not in the current GB/T 2260 table");
  }

  /** Internal: a rejection found deep in a check. */
  static final class IdRejectedException extends Exception {
    private static final long serialVersionUID = 1L;
    final IdRejection rejection;

    IdRejectedException(IdRejection rejection) {
      super(rejection.code(), null, false, false);
      this.rejection = rejection;
    }
  }
}
