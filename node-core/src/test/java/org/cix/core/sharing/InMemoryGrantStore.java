package org.cix.core.sharing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Grants in a list, for tests of the domain. */
public final class InMemoryGrantStore implements GrantStore {
  private final List<Grant> grants = new ArrayList<>();

  @Override
  public synchronized Grant add(Grant g) {
    Grant stored = new Grant(grants.size() + 1, g.grantee(), g.types(), g.purpose(), g.personal(), g.validFrom(),
        g.validUntil(), g.issuedBy(), g.issuedAt(), Optional.empty());
    grants.add(stored);
    return stored;
  }

  @Override
  public synchronized List<Grant> all() {
    return List.copyOf(grants);
  }

  @Override
  public synchronized boolean revoke(long id, Instant at) {
    for (int i = 0; i < grants.size(); i++) {
      Grant g = grants.get(i);
      if (g.id() == id && g.revokedAt().isEmpty()) {
        grants.set(i, new Grant(g.id(), g.grantee(), g.types(), g.purpose(), g.personal(), g.validFrom(),
            g.validUntil(), g.issuedBy(), g.issuedAt(), Optional.of(at)));
        return true;
      }
    }
    return false;
  }
}
