package org.cix.federation.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.cix.core.link.Backoff;
import org.cix.federation.department.DepartmentApiSettings;
import org.cix.federation.frontend.FrontEnd;
import org.cix.federation.link.LinkTarget;

/**
 * What the federation side of a node needs to run: where to listen, the admin port (always on
 * loopback), limits, the configured parent and peers, the reconnect backoff, where to serve
 * Prometheus metrics (off when empty), how often the node reports itself up the tree (zero:
 * never), how long before its certificates expire the node renews them with its parent (zero:
 * never by itself), where it serves the department API (off when empty), and whether it is a
 * read front end ({@link FrontEnd}).
 */
public record FederationSettings(
    InetSocketAddress listen,
    int adminPort,
    ServerLimits limits,
    Optional<LinkTarget> parent,
    List<LinkTarget> peers,
    Backoff backoff,
    Optional<InetSocketAddress> metrics,
    java.time.Duration reportEvery,
    java.time.Duration renewBefore,
    Optional<DepartmentApiSettings> departmentApi,
    Optional<FrontEnd> frontEnd) {
  /** How often a node reports itself unless configured otherwise. */
  public static final java.time.Duration DEFAULT_REPORT_EVERY = java.time.Duration.ofMinutes(10);

  /** How long before its certificates expire a node renews them unless configured otherwise. */
  public static final java.time.Duration DEFAULT_RENEW_BEFORE = java.time.Duration.ofDays(30);

  public FederationSettings {
    peers = List.copyOf(peers);
    if (frontEnd.isPresent() && (parent.isPresent() || !peers.isEmpty())) {
      throw new IllegalArgumentException("a read front end has no links: its writer links with the parent and peers");
    }
  }

  /** Without renewal by the node itself. */
  public FederationSettings(InetSocketAddress listen, int adminPort, ServerLimits limits, Optional<LinkTarget> parent,
      List<LinkTarget> peers, Backoff backoff, Optional<InetSocketAddress> metrics, java.time.Duration reportEvery) {
    this(listen, adminPort, limits, parent, peers, backoff, metrics, reportEvery, java.time.Duration.ZERO,
        Optional.empty(), Optional.empty());
  }

  /** Without a metrics endpoint and without reports (tests, benchmarks). */
  public FederationSettings(InetSocketAddress listen, int adminPort, ServerLimits limits, Optional<LinkTarget> parent,
      List<LinkTarget> peers, Backoff backoff) {
    this(listen, adminPort, limits, parent, peers, backoff, Optional.empty(), java.time.Duration.ZERO,
        java.time.Duration.ZERO, Optional.empty(), Optional.empty());
  }

  /** The same, reporting itself every {@code every}. */
  public FederationSettings reportingEvery(java.time.Duration every) {
    return new FederationSettings(listen, adminPort, limits, parent, peers, backoff, metrics, every, renewBefore,
        departmentApi, frontEnd);
  }

  /** The same, renewing its certificates with its parent {@code before} they expire. */
  public FederationSettings renewingBefore(java.time.Duration before) {
    return new FederationSettings(listen, adminPort, limits, parent, peers, backoff, metrics, reportEvery, before,
        departmentApi, frontEnd);
  }

  /** The same, serving the department API as {@code api} says. */
  public FederationSettings withDepartmentApi(DepartmentApiSettings api) {
    return new FederationSettings(listen, adminPort, limits, parent, peers, backoff, metrics, reportEvery, renewBefore,
        Optional.of(api), frontEnd);
  }

  /** The same, as a read front end: no links, reads only while its database is within {@code frontEnd}'s bound. */
  public FederationSettings asFrontEnd(FrontEnd frontEnd) {
    return new FederationSettings(listen, adminPort, limits, Optional.empty(), List.of(), backoff, metrics,
        java.time.Duration.ZERO, java.time.Duration.ZERO, departmentApi, Optional.of(frontEnd));
  }
}
