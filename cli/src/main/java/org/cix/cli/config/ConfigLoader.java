package org.cix.cli.config;

import java.nio.file.Path;
import java.time.Duration;
import org.cix.federation.department.DepartmentApiSettings;
import org.cix.federation.server.FederationSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cix.core.link.Backoff;
import org.cix.core.link.LinkRole;
import org.cix.core.yaml.YamlFiles;
import org.cix.core.yaml.YamlSection;
import org.cix.crypto.pki.CertIdentity;
import org.cix.federation.link.LinkTarget;
import org.cix.storage.Database;
import org.cix.proto.v1.Subscription;
import org.cix.federation.server.ServerLimits;

/** Reads and validates a node configuration file, reporting every error at once. */
public final class ConfigLoader {
  private static final int DEFAULT_PORT = 7400;
  private static final int DEFAULT_DEPARTMENT_PORT = 7443;
  private static final int DEFAULT_DEPARTMENT_HTTP_PORT = 7444;

  private ConfigLoader() {}

  public static NodeConfig load(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Map<?, ?> root;
    try {
      root = YamlFiles.readMapping(absolute);
    } catch (YamlFiles.Unreadable e) {
      String hint = java.nio.file.Files.exists(absolute) ? "" : " (name it with --config FILE or CIX_CONFIG)";
      throw new ConfigException(absolute, List.of(e.getMessage() + hint));
    }
    List<String> errors = new ArrayList<>();
    NodeConfig config = read(absolute, new YamlSection("", root, errors));
    if (!errors.isEmpty()) {
      throw new ConfigException(absolute, errors);
    }
    return config;
  }

  private static NodeConfig read(Path file, YamlSection root) {
    Path base = file.getParent();
    ServerLimits defaults = ServerLimits.defaults();

    Path keys = base;
    Path data = base;
    Optional<YamlSection> node = root.section("node");
    if (node.isEmpty() && !root.has("node")) {
      root.error("node", "required (node.keys and node.data)");
    }
    if (node.isPresent()) {
      keys = base.resolve(node.get().requiredString("keys")).normalize();
      data = base.resolve(node.get().requiredString("data")).normalize();
      node.get().rejectUnknownKeys();
    }

    StorageConfig storage = StorageConfig.H2;
    Optional<YamlSection> store = root.section("storage");
    if (store.isPresent()) {
      storage = storage(store.get(), base);
    }

    Optional<Path> catalog = root.string("catalog").map(base::resolve).map(Path::normalize);
    Optional<Path> measures = root.string("measures").map(base::resolve).map(Path::normalize);
    Optional<Path> pilots = Optional.empty();
    Optional<YamlSection> identifiers = root.section("identifiers");
    if (identifiers.isPresent()) {
      pilots = identifiers.get().string("pilot-allowlist").map(base::resolve).map(Path::normalize);
      identifiers.get().rejectUnknownKeys();
    }

    String host = "0.0.0.0";
    int port = DEFAULT_PORT;
    Optional<YamlSection> listen = root.section("listen");
    if (listen.isPresent()) {
      host = listen.get().string("host").orElse(host);
      port = listen.get().integer("port", port, 0, 65535);
      listen.get().rejectUnknownKeys();
    }

    int adminPort = 0;
    Optional<YamlSection> admin = root.section("admin");
    if (admin.isPresent()) {
      adminPort = admin.get().integer("port", 0, 0, 65535);
      admin.get().rejectUnknownKeys();
    }

    Optional<java.net.InetSocketAddress> metrics = root.section("metrics").map(m -> {
      String metricsHost = m.string("host").orElse("127.0.0.1");
      int metricsPort = m.integer("port", 9464, 0, 65535);
      m.rejectUnknownKeys();
      return new java.net.InetSocketAddress(metricsHost, metricsPort);
    });

    Path spool = data.resolve("spool");
    Optional<DepartmentApiSettings> departmentApi = root.section("department-api").map(d -> {
      String apiHost = d.string("host").orElse("0.0.0.0");
      int apiPort = d.integer("port", DEFAULT_DEPARTMENT_PORT, 0, 65535);
      List<String> names = d.stringList("names");
      long largest = d.size("max-submission", (int) DepartmentApiSettings.DEFAULT_LARGEST, 1 << 20, Integer.MAX_VALUE);
      int httpPort = d.integer("http-port", DEFAULT_DEPARTMENT_HTTP_PORT, 0, 65535);
      Optional<java.net.InetSocketAddress> http = d.bool("http", true)
          ? Optional.of(new java.net.InetSocketAddress(apiHost, httpPort)) : Optional.empty();
      d.rejectUnknownKeys();
      return new DepartmentApiSettings(new java.net.InetSocketAddress(apiHost, apiPort), http,
          names.isEmpty() ? List.of("localhost", "127.0.0.1") : names, spool, largest);
    });

    java.time.Duration reportEvery = FederationSettings.DEFAULT_REPORT_EVERY;
    Optional<YamlSection> reports = root.section("reports");
    if (reports.isPresent()) {
      reportEvery = reports.get().duration("every", reportEvery);
      if (!reports.get().bool("enabled", true)) {
        reportEvery = java.time.Duration.ZERO;
      }
      reports.get().rejectUnknownKeys();
    }

    java.time.Duration renewBefore = FederationSettings.DEFAULT_RENEW_BEFORE;
    Optional<YamlSection> certificates = root.section("certificates");
    if (certificates.isPresent()) {
      renewBefore = certificates.get().duration("renew-before", renewBefore);
      certificates.get().rejectUnknownKeys();
    }

    Optional<LinkTarget> parent = root.section("parent").flatMap(p -> target(p, LinkRole.PARENT));
    List<LinkTarget> peers = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    parent.ifPresent(p -> seen.add(p.nodeId()));
    List<YamlSection> peerSections = root.sections("peers");
    for (int i = 0; i < peerSections.size(); i++) {
      Optional<LinkTarget> peer = target(peerSections.get(i), LinkRole.PEER);
      if (peer.isPresent() && !seen.add(peer.get().nodeId())) {
        peerSections.get(i).error("node-id", "'" + peer.get().nodeId() + "' is already linked above");
      } else {
        peer.ifPresent(peers::add);
      }
    }

    ServerLimits limits = defaults;
    Optional<YamlSection> l = root.section("limits");
    if (l.isPresent()) {
      YamlSection r = l.get();
      limits = new ServerLimits(
          r.size("max-message-size", defaults.maxInboundMessageBytes(), 64 * 1024, 256 * 1024 * 1024),
          r.duration("keepalive-time", defaults.keepAliveTime()),
          r.duration("keepalive-timeout", defaults.keepAliveTimeout()),
          r.duration("permit-keepalive-time", defaults.permitKeepAliveTime()),
          r.duration("max-connection-idle", defaults.maxConnectionIdle()),
          r.duration("max-connection-age", defaults.maxConnectionAge()),
          r.duration("max-connection-age-grace", defaults.maxConnectionAgeGrace()),
          r.duration("handshake-timeout", defaults.handshakeTimeout()),
          r.integer("threads", defaults.threads(), 1, 256));
      r.rejectUnknownKeys();
    }

    Backoff reconnect = defaultBackoff();
    Optional<YamlSection> b = root.section("reconnect");
    if (b.isPresent()) {
      YamlSection r = b.get();
      Duration initial = r.duration("initial-backoff", reconnect.initial());
      Duration max = r.duration("max-backoff", reconnect.max());
      double jitter = r.decimal("jitter", reconnect.jitter(), 0, 1);
      if (max.compareTo(initial) < 0) {
        r.error("max-backoff", "must not be shorter than initial-backoff");
      } else {
        reconnect = new Backoff(initial, max, jitter);
      }
      r.rejectUnknownKeys();
    }
    Optional<FrontEndConfig> frontEnd = root.section("front-end").map(f -> frontEnd(f, base));
    if (frontEnd.isPresent()) {
      if (storage.engine() != Database.Engine.POSTGRES) {
        root.error("front-end", "a read front end reads a PostgreSQL standby: set storage.engine to postgres and "
            + "storage.url to the standby");
      }
      if (parent.isPresent() || !peers.isEmpty()) {
        root.error("front-end", "a read front end has no links (its writer links with parent and peers): remove "
            + "parent and peers");
      }
    }
    root.rejectUnknownKeys();
    return new NodeConfig(file, keys, data, storage, catalog, measures, pilots, host, port, adminPort, parent, peers,
        limits, reconnect, metrics, reportEvery, renewBefore, departmentApi, frontEnd);
  }

  private static StorageConfig storage(YamlSection r, Path base) {
    String engine = r.string("engine").orElse("h2");
    StorageConfig storage = StorageConfig.H2;
    switch (engine) {
      case "h2" -> { }
      case "postgres" -> storage = postgres(r, base);
      default -> r.error("engine", "'" + engine + "' is not an engine (h2, postgres)");
    }
    r.rejectUnknownKeys();
    return storage;
  }

  /** A PostgreSQL database: url, user, password-file. */
  private static StorageConfig postgres(YamlSection r, Path base) {
    String url = r.requiredString("url");
    if (!url.isEmpty() && !url.startsWith("jdbc:postgresql://")) {
      r.error("url", "expected jdbc:postgresql://HOST:PORT/DATABASE, got '" + url + "'");
    }
    return new StorageConfig(Database.Engine.POSTGRES, url, r.requiredString("user"),
        r.string("password-file").map(base::resolve).map(Path::normalize),
        r.integer("partition-versions", (int) Database.DEFAULT_PARTITION_VERSIONS, StorageConfig.MIN_PARTITION_VERSIONS,
            Integer.MAX_VALUE));
  }

  private static FrontEndConfig frontEnd(YamlSection r, Path base) {
    Duration maxLag = r.duration("max-lag", FrontEndConfig.DEFAULT_MAX_LAG);
    StorageConfig writer = StorageConfig.H2;
    Optional<YamlSection> database = r.section("writer-database");
    if (database.isEmpty()) {
      r.error("writer-database", "required: where the checks the front end answers are recorded (the writer's "
          + "PostgreSQL database: url, user, password-file)");
    } else {
      writer = postgres(database.get(), base);
      database.get().rejectUnknownKeys();
    }
    r.rejectUnknownKeys();
    return new FrontEndConfig(maxLag, writer);
  }

  public static Backoff defaultBackoff() {
    return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), 0.2);
  }

  private static Optional<LinkTarget> target(YamlSection r, LinkRole role) {
    String id = r.requiredString("node-id");
    String address = r.requiredString("address");
    Subscription.Builder subscription = Subscription.newBuilder();
    if (role == LinkRole.PEER) {
      r.section("subscribe").ifPresent(sub -> {
        subscription.addAllTypes(sub.stringList("types"));
        subscription.addAllRegions(sub.stringList("regions"));
        sub.rejectUnknownKeys();
      });
    }
    r.rejectUnknownKeys();
    boolean ok = true;
    if (!id.isEmpty() && !CertIdentity.isValidNodeId(id)) {
      r.error("node-id", "'" + id + "' is not a node id (lower-case letters, digits and '-')");
      ok = false;
    }
    if (address.isEmpty()) {
      return Optional.empty();
    }
    int colon = address.lastIndexOf(':');
    String host = colon > 0 ? address.substring(0, colon) : "";
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = -1;
    try {
      port = colon > 0 ? Integer.parseInt(address.substring(colon + 1)) : -1;
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      r.error("address", "expected host:port, got '" + address + "'");
      ok = false;
    }
    return ok && !id.isEmpty() ? Optional.of(new LinkTarget(id, host, port, role, subscription.build())) : Optional.empty();
  }
}
