package org.cix.federation.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.cix.core.link.Backoff;
import org.cix.federation.link.LinkTarget;

/**
 * What the federation side of a node needs to run: where to listen, the admin port (always on
 * loopback), limits, the configured parent and peers, and the reconnect backoff.
 */
public record FederationSettings(
    InetSocketAddress listen,
    int adminPort,
    ServerLimits limits,
    Optional<LinkTarget> parent,
    List<LinkTarget> peers,
    Backoff backoff) {
  public FederationSettings {
    peers = List.copyOf(peers);
  }
}
