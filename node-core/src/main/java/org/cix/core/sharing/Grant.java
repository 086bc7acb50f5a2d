package org.cix.core.sharing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * A grant issued by this node: node {@code grantee} may receive records of {@code types} (empty:
 * every conditional type) for {@code purpose}, from {@code validFrom} to {@code validUntil}
 * inclusive; with {@code personal}, natural persons' identifiers and names unmasked.
 */
public record Grant(long id, String grantee, Set<String> types, String purpose, boolean personal, LocalDate validFrom,
    LocalDate validUntil, String issuedBy, Instant issuedAt, Optional<Instant> revokedAt) {
  public Grant {
    types = Set.copyOf(types);
  }

  /** Purposes are compared as agreed words: trimmed, case ignored. */
  public static String purposeKey(String purpose) {
    return purpose.trim().toLowerCase(java.util.Locale.ROOT);
  }

  public boolean validOn(LocalDate day) {
    return revokedAt.isEmpty() && !day.isBefore(validFrom) && !day.isAfter(validUntil);
  }

  public boolean coversType(String type) {
    return types.isEmpty() || types.contains(type);
  }

  /** Covers {@code purpose}, or any purpose when empty (record exchange over a link). */
  public boolean coversPurpose(Optional<String> purpose) {
    return purpose.isEmpty() || purposeKey(this.purpose).equals(purposeKey(purpose.get()));
  }
}
