package org.cix.core.node;

import org.cix.core.region.Regions;
import org.cix.crypto.pki.Jurisdictions;

/**
 * A GB/T 2260 region code prefix a node answers for: {@code ""} national, {@code 11} a
 * province, {@code 1101} a city, {@code 110105} a district.
 */
public record Jurisdiction(String code) {
  public static final Jurisdiction NATIONAL = new Jurisdiction("");

  public Jurisdiction {
    if (!Jurisdictions.isWellFormed(code)) {
      throw new IllegalArgumentException(
          "bad jurisdiction '" + code + "': expected empty (national) or a GB/T 2260 code of 2, 4 or 6 digits");
    }
  }

  /** Parses a code and checks it against the GB/T 2260 table. */
  public static Jurisdiction parse(String code) {
    Jurisdiction jurisdiction = new Jurisdiction(code == null ? "" : code.trim());
    if (!jurisdiction.code.isEmpty() && !Regions.standard().isKnown(jurisdiction.code)) {
      throw new IllegalArgumentException("unknown region code '" + code + "' (not in the GB/T 2260 table)");
    }
    return jurisdiction;
  }

  /** True when {@code other} is this jurisdiction or lies inside it. */
  public boolean contains(Jurisdiction other) {
    return Jurisdictions.contains(code, other.code);
  }

  /** True when {@code other} lies inside this jurisdiction and is not this one. */
  public boolean strictlyContains(Jurisdiction other) {
    return Jurisdictions.strictlyContains(code, other.code);
  }

  public NodeLevel level() {
    return NodeLevel.of(this);
  }

  public String name() {
    return Regions.standard().fullName(code);
  }

  @Override
  public String toString() {
    return Jurisdictions.describe(code);
  }
}
