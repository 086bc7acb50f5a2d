package org.cix.core.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The accounts of a node (port; storage keeps them in the node's database). */
public interface AccountStore {
  /** Adds {@code account}; false when an account of that name exists (revoked ones included). */
  boolean add(Account account);

  Optional<Account> named(String name);

  /** The account whose client certificate has SHA-256 fingerprint {@code fingerprint} (colon-separated hex). */
  Optional<Account> withCertificate(String fingerprint);

  /** Every account, by name. */
  List<Account> all();

  /** Marks the account revoked at {@code at}; false when there is none of that name or it was revoked. */
  boolean revoke(String name, Instant at);
}
