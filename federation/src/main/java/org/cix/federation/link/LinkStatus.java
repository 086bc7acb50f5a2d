package org.cix.federation.link;

import java.time.Instant;
import java.util.Optional;
import org.cix.core.link.LinkRole;
import org.cix.core.link.LinkState;

/** A snapshot of one link, as `cix status` shows it. */
public record LinkStatus(
    String peerNodeId,
    String peerJurisdiction,
    LinkRole peerRole,
    LinkDirection direction,
    String address,
    LinkState state,
    Optional<Instant> lastHandshake,
    Optional<String> lastError,
    Optional<Instant> lastErrorAt,
    int connects,
    Optional<Instant> nextAttempt) {

  static LinkStatus initial(String peerNodeId, LinkRole role, LinkDirection direction, String address) {
    return new LinkStatus(peerNodeId, "", role, direction, address, LinkState.DOWN, Optional.empty(),
        Optional.empty(), Optional.empty(), 0, Optional.empty());
  }

  LinkStatus connecting() {
    return new LinkStatus(peerNodeId, peerJurisdiction, peerRole, direction, address, LinkState.CONNECTING,
        lastHandshake, lastError, lastErrorAt, connects, Optional.empty());
  }

  LinkStatus up(String jurisdiction, String remoteAddress, Instant now) {
    return new LinkStatus(peerNodeId, jurisdiction, peerRole, direction, remoteAddress, LinkState.UP,
        Optional.of(now), lastError, lastErrorAt, connects + 1, Optional.empty());
  }

  /** The same state, with {@code error} as the last error. */
  LinkStatus noted(String error, Instant now) {
    return new LinkStatus(peerNodeId, peerJurisdiction, peerRole, direction, address, state, lastHandshake,
        Optional.of(error), Optional.of(now), connects, nextAttempt);
  }

  LinkStatus down(String error, Instant now, Optional<Instant> retryAt) {
    return new LinkStatus(peerNodeId, peerJurisdiction, peerRole, direction, address, LinkState.DOWN,
        lastHandshake, Optional.of(error), Optional.of(now), connects, retryAt);
  }
}
