package org.cix.cli.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cix.core.link.Backoff;
import org.cix.federation.department.DepartmentApiSettings;
import org.cix.federation.link.LinkTarget;
import org.cix.federation.server.FederationSettings;
import org.cix.federation.server.ServerLimits;

/**
 * The validated configuration of one node (see docs/configuration.md for every key). Relative
 * paths are resolved against the directory of the configuration file.
 */
public record NodeConfig(
    Path file,
    Path keysDir,
    Path dataDir,
    StorageConfig storage,
    Optional<Path> catalogDir,
    Optional<Path> measuresDir,
    Optional<Path> pilotAllowlist,
    String listenHost,
    int listenPort,
    int adminPort,
    Optional<LinkTarget> parent,
    List<LinkTarget> peers,
    ServerLimits limits,
    Backoff reconnect,
    Optional<InetSocketAddress> metrics,
    java.time.Duration reportEvery,
    java.time.Duration renewBefore,
    Optional<DepartmentApiSettings> departmentApi,
    Optional<FrontEndConfig> frontEnd) {

  public NodeConfig {
    peers = List.copyOf(peers);
  }

  /** The settings of the federation side; a front end's bound is added where its standby is open. */
  public FederationSettings federationSettings() {
    return new FederationSettings(new InetSocketAddress(listenHost, listenPort), adminPort, limits, parent, peers,
        reconnect, metrics, reportEvery, renewBefore, departmentApi, Optional.empty());
  }

  /** The ports the node listens on, by what each serves (port 0: any free port). */
  public java.util.Map<String, InetSocketAddress> ports() {
    java.util.Map<String, InetSocketAddress> ports = new java.util.LinkedHashMap<>();
    ports.put("federation", new InetSocketAddress(listenHost, listenPort));
    ports.put("admin", new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), adminPort));
    departmentApi.ifPresent(d -> {
      ports.put("department API", d.listen());
      d.http().ifPresent(h -> ports.put("department API, HTTP/JSON", h));
    });
    metrics.ifPresent(m -> ports.put("metrics", m));
    return ports;
  }

  /** The effective configuration, one key per line, for the start-up log. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add("config = " + file);
    lines.add("node.keys = " + keysDir);
    lines.add("node.data = " + dataDir);
    lines.add("storage = " + storage.describe());
    frontEnd.ifPresent(f -> lines.add("front-end = " + f.describe()));
    lines.add("catalog = " + catalogDir.map(Path::toString).orElse("(standard catalog)"));
    lines.add("measures = " + measuresDir.map(Path::toString).orElse("(standard measures)"));
    lines.add("identifiers.pilot-allowlist = " + pilotAllowlist.map(Path::toString).orElse("(none)"));
    lines.add("listen = " + listenHost + ":" + listenPort);
    lines.add("admin.port = " + adminPort + " (loopback)");
    lines.add("parent = " + parent.map(p -> p.nodeId() + " at " + p.address()).orElse("(none: top of the tree)"));
    for (LinkTarget peer : peers) {
      lines.add("peer = " + peer.nodeId() + " at " + peer.address());
    }
    lines.add("limits = " + limits);
    lines.add("reconnect = " + reconnect);
    lines.add("reports.every = " + reportEvery);
    lines.add("certificates.renew-before = " + (renewBefore.isZero() ? "(off)" : renewBefore)
        + (parent.isEmpty() ? " (no parent: renewed by request)" : ""));
    lines.add("department-api = " + departmentApi.map(d -> d.listen().getHostString() + ":" + d.listen().getPort()
        + d.http().map(h -> " (HTTP/JSON on " + h.getPort() + ")").orElse("") + " for " + String.join(", ", d.hosts()) + ", submissions up to " + d.largestSubmission() + " bytes")
        .orElse("(off)"));
    lines.add("metrics = " + metrics.map(a -> a.getAddress().getHostAddress() + ":" + a.getPort() + "/metrics")
        .orElse("(off)"));
    return lines;
  }
}
