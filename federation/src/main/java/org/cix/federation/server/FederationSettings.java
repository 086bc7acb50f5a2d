package org.cix.federation.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.cix.core.link.Backoff;
import org.cix.federation.link.LinkTarget;

/**
 * What the federation side of a node needs to run: where to listen, the admin port (always on
 * loopback), limits, the configured parent and peers, the reconnect backoff, and where to serve
 * Prometheus metrics (off when empty).
 */
public record FederationSettings(
    InetSocketAddress listen,
    int adminPort,
    ServerLimits limits,
    Optional<LinkTarget> parent,
    List<LinkTarget> peers,
    Backoff backoff,
    Optional<InetSocketAddress> metrics) {
  public FederationSettings {
    peers = List.copyOf(peers);
  }

  /** Without a metrics endpoint. */
  public FederationSettings(InetSocketAddress listen, int adminPort, ServerLimits limits, Optional<LinkTarget> parent,
      List<LinkTarget> peers, Backoff backoff) {
    this(listen, adminPort, limits, parent, peers, backoff, Optional.empty());
  }
}
