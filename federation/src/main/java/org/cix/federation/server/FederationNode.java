package org.cix.federation.server;

import com.google.inject.Module;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.cix.federation.feature.Features;
import org.cix.federation.feature.NodeRuntime;
import org.cix.proto.v1.Subscription;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.cix.core.audit.AuditCountersigning;
import org.cix.federation.admin.NodeReportBuilder;
import org.cix.federation.admin.SyncStatuses;
import org.cix.federation.metrics.NodeMetrics;
import org.cix.core.link.LinkPolicy;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.crypto.pki.CertIdentity;
import org.cix.crypto.pki.CertificateExpiry;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.core.node.NodeServices;
import org.cix.federation.admin.AdminServer;
import org.cix.federation.admin.FederationViews;
import org.cix.federation.console.Console;
import org.cix.federation.department.DepartmentServer;
import org.cix.federation.certificates.CertificateRenewer;
import org.cix.federation.certificates.CertificatesService;
import org.cix.federation.link.ExchangeService;
import org.cix.federation.link.LinkChannels;
import org.cix.federation.link.LinkDirection;
import org.cix.federation.link.LinkRegistry;
import org.cix.federation.link.LinkTarget;
import org.cix.federation.link.OutboundLink;
import org.cix.federation.link.SyncHub;
import org.cix.federation.query.ParentQuery;
import org.cix.federation.query.QueryService;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptor;
import org.cix.federation.frontend.FrontEnd;
import org.cix.federation.frontend.FrontEndGuard;
import java.util.Optional;
import org.cix.core.link.LinkRole;
import org.cix.core.sync.BundleSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node's network side: the federation server, the admin server and the outbound
 * links, started together and stopped in reverse order.
 */
public final class FederationNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FederationNode.class);
  static {
    DepartmentServer.prepareHttp();
  }

  private final NodeIdentity identity;
  private final LinkRegistry links;
  private final ExchangeService exchange;
  private final ScheduledExecutorService scheduler;
  private final BackgroundWork background;
  private final ExecutorService ingest;
  private final SyncHub sync;
  private final NodeServer server;
  private final AdminServer admin;
  private final List<OutboundLink> outbound;
  private final NodeMetrics metrics;
  private final int metricsPort;
  private final Optional<DepartmentServer> departments;
  /** Undoes {@link NodeServices#askUp}: the services outlive the node (a restart reuses them). */
  private final Runnable stopAskingParent;

  private FederationNode(
      NodeIdentity identity, LinkRegistry links, ExchangeService exchange, ScheduledExecutorService scheduler,
      BackgroundWork background, ExecutorService ingest, SyncHub sync, NodeServer server, AdminServer admin,
      List<OutboundLink> outbound, NodeMetrics metrics, int metricsPort, Optional<DepartmentServer> departments,
      Runnable stopAskingParent) {
    this.departments = departments;
    this.stopAskingParent = stopAskingParent;
    this.metrics = metrics;
    this.metricsPort = metricsPort;
    this.identity = identity;
    this.links = links;
    this.exchange = exchange;
    this.scheduler = scheduler;
    this.background = background;
    this.ingest = ingest;
    this.sync = sync;
    this.server = server;
    this.admin = admin;
    this.outbound = outbound;
  }

  /** Starts a node with every standard feature ({@link Features#standard()}). */
  public static FederationNode start(
      NodeKeyMaterial keys, String adminToken, NodeServices services, FederationSettings settings, Clock clock) {
    return start(keys, adminToken, services, settings, clock, Features.standard());
  }

  /** Starts a node running {@code features}: it serves the admin services and runs the followers they bind. */
  public static FederationNode start(NodeKeyMaterial keys, String adminToken, NodeServices services,
      FederationSettings settings, Clock clock, List<Module> features) {
    NodeIdentity self = new NodeIdentity(keys.nodeId(), new Jurisdiction(keys.jurisdiction()));
    FrontEnd.requireMatching(keys.frontEnd(), settings.frontEnd());
    Instant startedAt = clock.instant();
    LinkRegistry links = new LinkRegistry(clock);
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(GrpcServers.named("cix-links-" + self.nodeId()));
    ExecutorService ingest = GrpcServers.fixedPool("cix-ingest", 1);
    Set<String> peerIds = settings.peers().stream().map(LinkTarget::nodeId).collect(Collectors.toSet());
    Duration handshake = settings.limits().handshakeTimeout();
    SyncHub sync = new SyncHub(services.sync(settings.parent().map(LinkTarget::nodeId), peerIds,
        BundleSender.Limits.DEFAULT), new AuditCountersigning(self.nodeId(), keys, services.audit(), clock),
        self.nodeId(), settings.limits().maxInboundMessageBytes(), clock);
    Map<String, Subscription> peerSubscriptions = settings.peers().stream()
        .collect(Collectors.toMap(LinkTarget::nodeId, LinkTarget::subscription));
    ExchangeService exchange = new ExchangeService(self, peerSubscriptions, links, scheduler, handshake, sync, clock);
    services.discipline().current().onChange(() ->
        exchange.closeAll("the measures changed; children shake hands again to take the new set"));
    Map<String, AtomicReference<CertIdentity>> certifiedTargets = new java.util.HashMap<>();
    Optional<ManagedChannel> parentChannel = settings.parent().map(parent -> LinkChannels.open(keys, parent,
        settings.limits(), clock, certified(parent, certifiedTargets)));
    Optional<ParentQuery> parentQuery = parentChannel.map(channel -> {
      LinkTarget parent = settings.parent().orElseThrow();
      return new ParentQuery(parent.nodeId(), channel, certified(parent, certifiedTargets), services.catalog(),
          services.ids());
    });
    parentQuery.ifPresent(services::askUp);
    Optional<CertificateRenewer> renewer = parentChannel.map(channel -> new CertificateRenewer(keys,
        settings.parent().orElseThrow().nodeId(), channel, services.exchange(), services.audit(), settings.renewBefore(),
        clock));
    long lists = services.revocations().follow();
    if (lists > 0) {
      log.info("{} certificate revocation lists in force", lists);
    }
    NodeServer server = null;
    AdminServer admin = null;
    NodeMetrics metrics = new NodeMetrics(() -> SyncStatuses.of(links, sync, clock), () -> services.store().counts(),
        links::duplicateIdentities, () -> CertificateExpiry.of(keys), () -> services.quality().departments(), clock);
    int metricsPort = -1;
    Optional<DepartmentServer> departments = Optional.empty();
    AtomicInteger federationPort = new AtomicInteger(-1);
    Optional<FrontEndGuard> frontEnd = settings.frontEnd().map(f -> new FrontEndGuard(self.nodeId(), f, clock));
    frontEnd.ifPresent(guard -> metrics.replicaLag(guard::behind));
    Features bound = Features.of(new NodeRuntime(self, services, links, sync, metrics, ingest, renewer,
        startedAt, federationPort::get, clock, frontEnd), features);
    try {
      server = NodeServer.start(settings.listen(), settings.limits(), keys, clock, FrontEndGuard.guarded(frontEnd,
          List.of(exchange, new QueryService(self, services, settings.parent().map(LinkTarget::nodeId), peerIds,
              clock), new CertificatesService(self, keys, services.audit(), clock))));
      federationPort.set(server.port());
      admin = AdminServer.start(settings.adminPort(), adminToken, FrontEndGuard.guarded(frontEnd, bound.adminServices()));
      if (settings.departmentApi().isPresent()) {
        departments = Optional.of(DepartmentServer.start(settings.departmentApi().get(), services, ingest, metrics,
            FederationViews.of(() -> NodeReportBuilder.now(self, services, links, sync, clock), services),
            frontEnd.map(ServerInterceptor.class::cast), clock));
        departments.get().serve(Console.PATH, staff -> new Console(staff, self.nodeId(),
            () -> services.discipline().measures().actions(), recordTypes(services), clock));
      }
      if (settings.metrics().isPresent()) {
        metricsPort = metrics.serve(settings.metrics().get());
        log.info("metrics on http://{}:{}/metrics", settings.metrics().get().getAddress().getHostAddress(),
            metricsPort);
      }
    } catch (RuntimeException e) {
      parentQuery.ifPresent(services::stopAsking);
      parentChannel.ifPresent(ManagedChannel::shutdownNow);
      if (server != null) {
        server.close();
      }
      if (admin != null) {
        admin.close();
      }
      departments.ifPresent(DepartmentServer::close);
      metrics.close();
      scheduler.shutdownNow();
      ingest.shutdownNow();
      sync.close();
      throw e;
    }
    List<OutboundLink> outbound = new ArrayList<>();
    List<LinkTarget> targets = new ArrayList<>();
    settings.parent().ifPresent(targets::add);
    for (LinkTarget peer : settings.peers()) {
      if (LinkPolicy.dialsPeer(self.nodeId(), peer.nodeId())) {
        targets.add(peer);
      } else {
        links.expect(peer.nodeId(), peer.role(), LinkDirection.INBOUND, peer.address());
      }
    }
    for (LinkTarget target : targets) {
      AtomicReference<CertIdentity> certified = certified(target, certifiedTargets);
      ManagedChannel channel = target.role() == LinkRole.PARENT ? parentChannel.orElseThrow()
          : LinkChannels.open(keys, target, settings.limits(), clock, certified);
      OutboundLink link = new OutboundLink(self, target, channel, certified, links,
          settings.backoff(), handshake, scheduler, sync, clock);
      outbound.add(link);
      link.start();
    }
    keys.revocations().onChange(() -> shakeHandsAgain(exchange, outbound,
        "the certificate revocation lists changed: links shake hands again"));
    keys.onRenewal(() -> shakeHandsAgain(exchange, outbound,
        "this node's certificates were renewed: links shake hands again with the new ones"));
    // a front end writes nothing: no feedback published, no follower, no report (its writer does them)
    BackgroundWork background = frontEnd.isPresent() ? BackgroundWork.none(self)
        : BackgroundWork.start(self, services, bound.followers(), links, sync, renewer, settings, clock);
    log.info("node {}{} listening on {} (admin on loopback port {})", self,
        frontEnd.map(g -> " (read front end, up to " + g.maxLag() + " behind its writer)").orElse(""), server.port(),
        admin.port());
    return new FederationNode(self, links, exchange, scheduler, background, ingest, sync, server, admin, outbound,
        metrics, metricsPort, departments, () -> parentQuery.ifPresent(services::stopAsking));
  }

  /** Closes every link, so that each shakes hands again (with the revocation lists or keys now in force). */
  private static void shakeHandsAgain(ExchangeService exchange, List<OutboundLink> outbound, String reason) {
    exchange.closeAll(reason);
    outbound.forEach(link -> link.redial(reason));
  }

  /** What the channel to {@code target} learnt of the server's certificate, one per target. */
  private static AtomicReference<CertIdentity> certified(LinkTarget target,
      Map<String, AtomicReference<CertIdentity>> certifiedTargets) {
    return certifiedTargets.computeIfAbsent(target.nodeId(), id -> new AtomicReference<>());
  }

  public NodeIdentity identity() {
    return identity;
  }

  public int federationPort() {
    return server.port();
  }

  /** The admin services this node serves: those its features bind. */
  public List<io.grpc.ServiceDescriptor> adminServices() {
    return admin.services();
  }

  public int adminPort() {
    return admin.port();
  }

  /** The port of the department API; -1 when it is off. */
  public int departmentPort() {
    return departments.map(DepartmentServer::port).orElse(-1);
  }

  /** The record types a department may submit, id to label, in catalog order. */
  private static java.util.Map<String, String> recordTypes(NodeServices services) {
    java.util.Map<String, String> types = new java.util.LinkedHashMap<>();
    services.catalog().types().forEach(t -> types.put(t.id(), t.label()));
    return types;
  }

  /** The port of the department API's HTTP/JSON side; -1 when it is off. */
  public int departmentHttpPort() {
    return departments.map(DepartmentServer::httpPort).orElse(-1);
  }

  /** The port metrics are served on; -1 when they are off. */
  public int metricsPort() {
    return metricsPort;
  }

  public LinkRegistry links() {
    return links;
  }

  public SyncHub sync() {
    return sync;
  }

  @Override
  public void close() {
    stopAskingParent.run();
    for (OutboundLink link : outbound) {
      link.close();
    }
    exchange.closeAll("node " + identity.nodeId() + " is shutting down");
    server.close();
    admin.close();
    departments.ifPresent(DepartmentServer::close);
    metrics.close();
    GrpcServers.stop(ingest, Duration.ofSeconds(10));
    background.close();
    sync.close();
    GrpcServers.stop(scheduler, Duration.ofSeconds(2));
    log.info("node {} stopped", identity);
  }
}
