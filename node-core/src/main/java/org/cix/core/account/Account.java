package org.cix.core.account;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * An account of a node: its name, the department it acts for (USCC of a department this node
 * registered), its roles, when it ends, whether it was revoked, and its credentials: a password
 * (Argon2id, for staff) and the SHA-256 fingerprint of its client certificate (for systems).
 */
public record Account(String name, String department, Set<Role> roles, Instant created, Instant expires,
    Optional<Instant> revoked, Optional<String> passwordHash, Optional<String> certificate) {
  public Account {
    roles = Set.copyOf(roles);
  }

  /** How the audit log names it: the account and its department. */
  public String actor() {
    return "account " + name + " of " + department;
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** Refuses an account without {@code role}, naming what it would take. */
  public void require(Role role, String toDo) {
    if (!has(role)) {
      throw org.cix.core.error.CixException.permissionDenied("account " + name + " may not " + toDo + ": that takes the "
          + role.code() + " role");
    }
  }

  /** Why it may not act at {@code now}, if it may not. */
  public Optional<String> refusal(Instant now) {
    if (revoked.isPresent()) {
      return Optional.of("account " + name + " was revoked at " + revoked.get());
    }
    if (!now.isBefore(expires)) {
      return Optional.of("account " + name + " expired at " + expires);
    }
    return Optional.empty();
  }
}
