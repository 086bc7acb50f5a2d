package org.cix.core.sharing;

import java.time.Instant;
import java.util.List;

/** Where a node keeps the grants it issued (port; storage implements it on the node's database). */
public interface GrantStore {
  /** Stores {@code grant} (its id is ignored) and returns it with its id. */
  Grant add(Grant grant);

  /** Every grant, revoked ones included, oldest first. */
  List<Grant> all();

  /** Marks grant {@code id} revoked at {@code at}; false when there is no such grant or it was revoked before. */
  boolean revoke(long id, Instant at);
}
