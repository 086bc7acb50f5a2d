package org.cix.core.store;

import java.util.Optional;

/**
 * A server that replicates the node's database (PostgreSQL streaming replication), as the primary
 * sees it: where it is, its state ({@code streaming}, {@code catchup}...), whether commits wait
 * for it ({@code sync}, {@code async}...) and how far behind its replay is, when known.
 */
public record Standby(String name, String address, String state, String syncState, Optional<Long> replayLagMillis) {
  /** A commit returns only once this standby has it. */
  public boolean synchronous() {
    return syncState.equals("sync") || syncState.equals("quorum");
  }
}
