package org.cix.federation;

import org.cix.core.discipline.Measures;
import org.cix.core.discipline.MeasuresLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.link.Backoff;
import org.cix.core.link.LinkRole;
import org.cix.core.node.NodeServices;
import org.cix.core.subject.PilotAllowlist;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pem.StagedDirectory;
import org.cix.federation.frontend.FrontEnd;
import org.cix.federation.link.LinkTarget;
import org.cix.federation.server.FederationNode;
import org.cix.federation.server.FederationSettings;
import org.cix.federation.server.ServerLimits;
import org.cix.storage.Database;
import org.cix.storage.JdbcStores;
import org.cix.storage.TestDatabases;

/** Starts nodes on loopback for tests: port 0 unless a port is given, short backoff. */
final class TestNodes {
  static final String TOKEN = "test-admin-token";
  static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  static final Measures MEASURES = MeasuresLoader.load(MeasuresLoader.standard(), CATALOG);
  static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), 0.2);

  private TestNodes() {}

  static FederationSettings settings(int port, Optional<LinkTarget> parent, List<LinkTarget> peers) {
    return new FederationSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0,
        ServerLimits.defaults(), parent, peers, FAST);
  }

  static FederationNode start(NodeKeyMaterial keys, Optional<FederationNode> parent) {
    return start(keys, 0, parent.map(p -> parentTarget(p)));
  }

  /** A node that reports itself up the tree every {@code every}. */
  static FederationNode reporting(NodeKeyMaterial keys, Optional<FederationNode> parent, Duration every) {
    return FederationNode.start(keys, TOKEN, services(keys), settings(0, parent.map(p -> parentTarget(p)), List.of())
        .reportingEvery(every), java.time.Clock.systemUTC());
  }

  static FederationNode start(NodeKeyMaterial keys, int port, Optional<LinkTarget> parent) {
    return FederationNode.start(keys, TOKEN, services(keys), settings(port, parent, List.of()),
        java.time.Clock.systemUTC());
  }

  /** A node running only {@code features}. */
  static FederationNode withFeatures(NodeKeyMaterial keys, List<com.google.inject.Module> features) {
    return FederationNode.start(keys, TOKEN, services(keys), settings(0, Optional.empty(), List.of()),
        java.time.Clock.systemUTC(), features);
  }

  /** What features read of a node that is not started: its services, no links, sync or metrics. */
  static org.cix.federation.feature.NodeRuntime runtime(NodeServices services) {
    java.time.Clock clock = java.time.Clock.systemUTC();
    return new org.cix.federation.feature.NodeRuntime(new org.cix.core.node.NodeIdentity(services.keys().nodeId(),
        new org.cix.core.node.Jurisdiction(services.keys().jurisdiction())), services,
        new org.cix.federation.link.LinkRegistry(clock), null, null, null, Optional.empty(), clock.instant(),
        () -> -1, clock, Optional.empty());
  }

  /** A node that accepts messages of at most {@code maxMessageBytes}. */
  static FederationNode start(NodeKeyMaterial keys, Optional<FederationNode> parent, int maxMessageBytes) {
    ServerLimits d = ServerLimits.defaults();
    ServerLimits limits = new ServerLimits(maxMessageBytes, d.keepAliveTime(), d.keepAliveTimeout(),
        d.permitKeepAliveTime(), d.maxConnectionIdle(), d.maxConnectionAge(), d.maxConnectionAgeGrace(),
        d.handshakeTimeout(), d.threads());
    return FederationNode.start(keys, TOKEN, services(keys), new FederationSettings(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0, limits, parent.map(TestNodes::parentTarget),
        List.of(), FAST), java.time.Clock.systemUTC());
  }

  /**
   * The domain services of a node on a real H2 store in a temporary directory; the same ones for
   * the same keys, so a node restarted in a test finds its data (as a restarted process would).
   */
  static NodeServices services(NodeKeyMaterial keys) {
    return services(keys, Database.Engine.H2);
  }

  /** Likewise on {@code engine}, for a node not yet given services. */
  static NodeServices services(NodeKeyMaterial keys, Database.Engine engine) {
    return services(keys, engine, CATALOG);
  }

  /** Likewise reading records with {@code catalog}, for a node not yet given services. */
  static NodeServices services(NodeKeyMaterial keys, Database.Engine engine, Catalog catalog) {
    return services(keys, engine, catalog, MEASURES);
  }

  /** Likewise applying {@code measures} (unless it adopts its parent's), for a node not yet given services. */
  static synchronized NodeServices services(NodeKeyMaterial keys, Database.Engine engine, Catalog catalog,
      Measures measures) {
    return SERVICES.computeIfAbsent(keys, k -> {
      TestDatabases databases = engine == Database.Engine.H2 ? H2 : POSTGRES;
      JdbcStores store = new JdbcStores(databases.open(k.nodeId() + "_" + STORES.incrementAndGet()));
      return remember(store, NodeServices.assemble(catalog, measures, k, store.node(),
          PilotAllowlist.empty(), java.time.Clock.systemUTC()));
    });
  }

  /** Services of a node not yet given any, on {@code database} (a server the test set up itself). */
  static synchronized NodeServices servicesOn(NodeKeyMaterial keys, Database database) {
    JdbcStores store = new JdbcStores(database);
    NodeServices services = remember(store, NodeServices.assemble(CATALOG, MEASURES, keys, store.node(),
        PilotAllowlist.empty(), java.time.Clock.systemUTC()));
    SERVICES.put(keys, services);
    return services;
  }

  /** Services of a node not yet given any, on a fresh H2 store, living by {@code clock}. */
  static synchronized NodeServices servicesAt(NodeKeyMaterial keys, java.time.Clock clock) {
    JdbcStores store = new JdbcStores(H2.open(keys.nodeId() + "_" + STORES.incrementAndGet()));
    NodeServices services = remember(store, NodeServices.assemble(CATALOG, MEASURES, keys, store.node(),
        PilotAllowlist.empty(), clock));
    SERVICES.put(keys, services);
    return services;
  }

  /** A node whose keys were renewed: {@code renewed} takes over the store of {@code old}. */
  static synchronized NodeServices renewed(NodeKeyMaterial old, NodeKeyMaterial renewed) {
    NodeServices before = SERVICES.remove(old);
    JdbcStores store = JDBC.remove(before);
    NodeServices after = remember(store, NodeServices.assemble(before.catalog(), MEASURES, renewed, store.node(),
        PilotAllowlist.empty(), java.time.Clock.systemUTC()));
    SERVICES.put(renewed, after);
    return after;
  }

  /** A node that lost its data: its store closed and forgotten; it starts on an empty one. */
  static synchronized void wipe(NodeKeyMaterial keys) {
    NodeServices lost = SERVICES.remove(keys);
    if (lost != null) {
      JDBC.remove(lost).close();
    }
  }

  /** The storage under {@code services} (to reassemble them, or to tamper with its rows). */
  static synchronized JdbcStores jdbc(NodeServices services) {
    return JDBC.get(services);
  }

  private static NodeServices remember(JdbcStores store, NodeServices services) {
    JDBC.put(services, store);
    return services;
  }

  private static final Map<NodeKeyMaterial, NodeServices> SERVICES = new IdentityHashMap<>();
  private static final Map<NodeServices, JdbcStores> JDBC = new IdentityHashMap<>();
  private static final java.util.concurrent.atomic.AtomicInteger STORES = new java.util.concurrent.atomic.AtomicInteger();
  private static final Path DATA_ROOT = dataRoot();
  private static final TestDatabases H2 = new TestDatabases(Database.Engine.H2, DATA_ROOT);
  private static final TestDatabases POSTGRES = new TestDatabases(Database.Engine.POSTGRES, DATA_ROOT);

  private static Path dataRoot() {
    try {
      Path root = Files.createTempDirectory("cix-federation-test-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        SERVICES.values().forEach(s -> s.store().close());
        try {
          StagedDirectory.deleteRecursively(root);
        } catch (IOException | UncheckedIOException e) {
          // a temporary directory left behind
        }
      }));
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A node with peers (and no parent). */
  static FederationNode startWithPeers(NodeKeyMaterial keys, int port, List<LinkTarget> peers) {
    return FederationNode.start(keys, TOKEN, services(keys), settings(port, Optional.empty(), peers),
        java.time.Clock.systemUTC());
  }

  static LinkTarget peerTarget(String nodeId, int port) {
    return new LinkTarget(nodeId, "127.0.0.1", port, LinkRole.PEER);
  }

  static LinkTarget parentTarget(FederationNode parent) {
    return new LinkTarget(parent.identity().nodeId(), "127.0.0.1", parent.federationPort(), LinkRole.PARENT);
  }

  /**
   * Starts a read front end with key material {@code keys} (a front end's) on {@code stores} (a
   * standby's, or H2 in tests that need no lag), answering while at most {@code maxLag} behind.
   */
  static FederationNode frontEnd(NodeKeyMaterial keys, JdbcStores stores, FederationSettings settings,
      Duration maxLag, java.time.Clock clock) {
    return FederationNode.start(keys, TOKEN, NodeServices.assembleFrontEnd(CATALOG, MEASURES, keys, stores.node(),
        PilotAllowlist.empty(), clock), settings.asFrontEnd(new FrontEnd(maxLag, stores.lag())), clock);
  }

  /** A procurement system's check of {@code subject} before a bid, through the admin API. */
  static org.cix.proto.v1.CheckRequest procurement(String subject) {
    return org.cix.proto.v1.CheckRequest.newBuilder().setSubjectId(subject).setAction("public-procurement.bid")
        .setAsker("东城区财政局 采购科").setPurpose("政府采购投标资格审查").build();
  }

  /** True when a public-procurement check at {@code node} restricts {@code subject}. */
  static boolean restricted(NodeServices node, String subject) {
    return node.discipline().check(new org.cix.core.discipline.CheckRequest(subject, "public-procurement.bid",
        "财政局 采购科", "投标资格审查")).decision() == org.cix.core.discipline.Decision.RESTRICT;
  }
}
