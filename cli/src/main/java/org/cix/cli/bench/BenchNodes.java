package org.cix.cli.bench;

import org.cix.core.discipline.Measures;
import org.cix.core.discipline.MeasuresLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.cli.config.ConfigLoader;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.ingest.IngestJob;
import org.cix.core.ingest.IngestProgress;
import org.cix.core.ingest.Mapping;
import org.cix.core.ingest.MappingLoader;
import org.cix.core.ingest.RowProblem;
import org.cix.core.ingest.RowSource;
import org.cix.core.ingest.SourceRow;
import org.cix.core.link.LinkRole;
import org.cix.core.node.NodeServices;
import org.cix.core.sync.ChangeLogFollower;
import org.cix.core.subject.PilotAllowlist;
import org.cix.crypto.pem.StagedDirectory;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.federation.link.LinkTarget;
import org.cix.federation.server.FederationNode;
import org.cix.federation.department.DepartmentApiSettings;
import org.cix.federation.server.FederationSettings;
import org.cix.federation.server.ServerLimits;
import org.cix.storage.Database;
import org.cix.storage.JdbcStores;

/**
 * Nodes for benchmarks, in this process: a PKI under a fresh root, each node on its own H2 store,
 * its network side on loopback with real mTLS. Closing closes them all.
 */
final class BenchNodes implements AutoCloseable {
  static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  static final Measures MEASURES = MeasuresLoader.load(MeasuresLoader.standard(), CATALOG);

  private final Path dir;
  private final Clock clock;
  private final CertificateAuthority root;
  private final Map<String, Path> keyDirs = new HashMap<>();
  private final Map<String, NodeKeyMaterial> keys = new HashMap<>();
  private final Map<String, NodeServices> services = new HashMap<>();
  private final Map<String, FederationNode> running = new HashMap<>();
  private final List<JdbcStores> stores = new ArrayList<>();

  BenchNodes(Path dir, Clock clock) {
    this(dir, clock, CertificateAuthority.createRoot("bench root", Duration.ofDays(2), clock));
    StagedDirectory.create(dir.resolve("root"), root::writeTo);
  }

  /** Nodes under an existing {@code root} (a benchmark's store made earlier under it). */
  BenchNodes(Path dir, Clock clock, CertificateAuthority root) {
    this.dir = dir;
    this.clock = clock;
    this.root = root;
  }

  /** Enrols a node under {@code parent} (or the root) with its own H2 store. */
  NodeServices add(String id, String jurisdiction, Optional<String> parent) {
    return add(id, jurisdiction, parent, Database.openH2(dir.resolve("data").resolve(id)));
  }

  /** Enrols a node under {@code parent} (or the root) storing in {@code database}. */
  NodeServices add(String id, String jurisdiction, Optional<String> parent, Database database) {
    CertificateAuthority issuer = parent.map(p -> CertificateAuthority.load(keyDirs.get(p), clock)).orElse(root);
    Path keyDir = dir.resolve("keys").resolve(id);
    NodeKeyMaterial material = NodeKeyMaterial.enrol(issuer, id, jurisdiction, true, Duration.ofDays(1), keyDir, clock,
        staging -> { });
    keyDirs.put(id, keyDir);
    keys.put(id, material);
    JdbcStores store = new JdbcStores(database);
    stores.add(store);
    NodeServices node = NodeServices.assemble(CATALOG, MEASURES, material, store.node(),
        PilotAllowlist.empty(), clock);
    services.put(id, node);
    return node;
  }

  /** The national root certificate the nodes are enrolled under. */
  java.security.cert.X509Certificate rootCertificate() {
    return root.certificate();
  }

  NodeServices services(String id) {
    return services.get(id);
  }

  NodeKeyMaterial keys(String id) {
    return keys.get(id);
  }

  /**
   * Starts the network side of {@code id}, linked to its running {@code parent}, with the
   * department API (gRPC and HTTP/JSON) on loopback.
   */
  FederationNode start(String id, Optional<String> parent) {
    Optional<LinkTarget> target = parent.map(p -> new LinkTarget(p, "127.0.0.1", running.get(p).federationPort(),
        LinkRole.PARENT));
    FederationSettings settings = loopback(target, true, dir.resolve("spool").resolve(id));
    FederationNode node = FederationNode.start(keys.get(id), "bench-" + id, services.get(id), settings, clock);
    running.put(id, node);
    return node;
  }

  /**
   * A benchmark node's settings: every port on loopback, linked to {@code parent}, the department
   * API (gRPC, and HTTP/JSON when {@code http}) spooling into {@code spool}.
   */
  static FederationSettings loopback(Optional<LinkTarget> parent, boolean http, Path spool) {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    return new FederationSettings(loopback, 0, ServerLimits.defaults(), parent, List.of(),
        ConfigLoader.defaultBackoff()).withDepartmentApi(new DepartmentApiSettings(loopback,
        http ? Optional.of(loopback) : Optional.empty(), List.of("localhost"), spool,
        DepartmentApiSettings.DEFAULT_LARGEST));
  }

  /** Stops the network side of {@code id} (its store stays open). */
  void stop(String id) {
    running.remove(id).close();
  }

  FederationNode running(String id) {
    return running.get(id);
  }

  /** Ingests a generated CSV export at {@code id}; any rejected row is a failure of the benchmark. */
  static IngestProgress ingest(NodeServices node, String mappingYaml, InputStream csv, String name,
      IngestJob.Listener progress) throws IOException {
    Mapping mapping = MappingLoader.parse(mappingYaml, "bench mapping", node.catalog());
    try (RowSource source = RowSource.open(csv, mapping, name)) {
      return node.ingest().run(mapping, source, name, new IngestJob.Listener() {
        @Override
        public void rejected(SourceRow row, List<RowProblem> problems) {
          throw new IllegalStateException("generated row " + row.number() + " rejected: " + problems);
        }

        @Override
        public void progress(IngestProgress p) {
          progress.progress(p);
        }
      });
    }
  }

  /**
   * Runs {@code node}'s followers of its change log (quality queue, objections, revocations) up to
   * its head, as a running node does in the background after each batch; returns the seconds taken.
   */
  static double follow(NodeServices node) {
    long started = System.nanoTime();
    for (ChangeLogFollower follower : List.of(node.quality(), node.corrections(), node.revocations())) {
      follower.follow();
    }
    return (System.nanoTime() - started) / 1e9;
  }

  static IngestProgress ingest(NodeServices node, String mappingYaml, byte[] csv, String name) throws IOException {
    return ingest(node, mappingYaml, new ByteArrayInputStream(csv), name, new IngestJob.Listener() {
      @Override
      public void rejected(SourceRow row, List<RowProblem> problems) {}

      @Override
      public void progress(IngestProgress p) {}
    });
  }

  @Override
  public void close() {
    running.values().forEach(FederationNode::close);
    running.clear();
    stores.forEach(JdbcStores::close);
  }
}
