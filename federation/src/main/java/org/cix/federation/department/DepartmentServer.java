package org.cix.federation.department;

import com.sun.net.httpserver.HttpHandler;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.cix.core.account.Account;
import org.cix.core.account.Role;
import org.cix.core.node.NodeServices;
import org.cix.proto.v1.FederationView;
import org.cix.federation.admin.AccountAdminService;
import org.cix.federation.admin.GrantAdminService;
import org.cix.crypto.keys.KeyAlgorithm;
import org.cix.crypto.pem.PrivateFiles;
import org.cix.crypto.pem.PemFiles;
import org.cix.crypto.pki.AccountIssuer;
import org.cix.federation.metrics.NodeMetrics;
import org.cix.federation.server.GrpcServers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The department API's endpoint: gRPC over TLS on a port of its own. The server presents a
 * certificate the node's account CA issues at each start for the configured host names (a fresh
 * key, held in memory), on the HTTP/JSON port too ({@link HttpGateway}); a client presents the certificate of its account, or none and a bearer
 * token. Submissions being received wait in the spool directory, emptied at each start.
 */
public final class DepartmentServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DepartmentServer.class);
  private static final Duration GRACE = Duration.ofSeconds(2);
  private static final Duration SERVER_CERTIFICATE = Duration.ofDays(398);
  private static final int THREADS = 4;

  private final Server server;
  private final ExecutorService executor;
  private final Optional<Gateway> gateway;

  /** Before any JDK HTTP server of this process (metrics too) reads its settings. */
  public static void prepareHttp() {
    HttpGateway.noDelay();
  }

  /** The HTTP/JSON side: the gateway, the in-process server it calls and their threads. */
  private record Gateway(HttpGateway http, StaffCalls staff, Server inProcess, ManagedChannel channel,
      ExecutorService executor) {
    void close() {
      http.close();
      GrpcServers.stop(channel, GRACE);
      GrpcServers.stop(inProcess, GRACE);
      GrpcServers.stop(executor, GRACE);
    }
  }

  private DepartmentServer(Server server, ExecutorService executor, Optional<Gateway> gateway) {
    this.server = server;
    this.executor = executor;
    this.gateway = gateway;
  }

  /**
   * {@code federation}: the federation as this node knows it, made when an auditor asks;
   * {@code frontEnd}: what refuses the calls a read front end does not answer, when this node is one.
   */
  public static DepartmentServer start(DepartmentApiSettings settings, NodeServices backend, ExecutorService ingest,
      NodeMetrics metrics, Supplier<FederationView> federation, Optional<ServerInterceptor> frontEnd, Clock clock) {
    emptySpool(settings.spool());
    AccountIssuer issuer = backend.access().accounts().issuer();
    ExecutorService executor = GrpcServers.fixedPool("cix-department", THREADS);
    AccountInterceptor accounts = new AccountInterceptor(backend.access().accounts());
    DepartmentService service = new DepartmentService(backend.keys().nodeId(), backend, ingest, metrics,
        settings.spool(), settings.largestSubmission(), federation);
    KeyPair pair;
    X509Certificate certificate;
    if (issuer.canIssue()) {
      pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
      certificate = issuer.issueServer(settings.hosts(), pair.getPublic(), clock.instant().plus(SERVER_CERTIFICATE));
    } else {
      // a read front end: the server certificate the writer's account CA issued for it (cix account server-cert)
      PemFiles.KeyAndChain server = backend.keys().directory().flatMap(AccountIssuer::serverFiles)
          .orElseThrow(() -> new IllegalStateException("the department API needs " + AccountIssuer.DIR + "/"
              + AccountIssuer.SERVER_KEY + " and " + AccountIssuer.SERVER_CERT + " in the node directory "
              + "(cix account server-cert on the writer's host)"));
      certificate = server.chain().get(0);
      pair = new KeyPair(certificate.getPublicKey(), server.key());
    }
    AccountAdminService accountAdmin = new AccountAdminService(backend.access().accounts(), () -> admin("manage accounts"));
    GrantAdminService grantAdmin = new GrantAdminService(backend, clock, Optional.of(() -> admin("manage grants")));
    Server server = NettyServerBuilder.forAddress(settings.listen())
        .sslContext(tls(issuer, pair, certificate))
        .executor(executor)
        .maxInboundMessageSize(4 * 1024 * 1024)
        .maxInboundMetadataSize(16 * 1024)
        .addService(ServerInterceptors.intercept(guarded(service, frontEnd), accounts))
        .addService(ServerInterceptors.intercept(guarded(accountAdmin, frontEnd), accounts))
        .addService(ServerInterceptors.intercept(guarded(grantAdmin, frontEnd), accounts))
        .build();
    try {
      server.start();
    } catch (IOException e) {
      GrpcServers.stop(executor, GRACE);
      throw new UncheckedIOException("cannot listen for the department API on " + settings.listen().getHostString() + ":"
          + settings.listen().getPort() + " (" + e.getMessage().replaceFirst(".*: ", "") + ")", e);
    }
    Optional<Gateway> gateway = Optional.empty();
    if (settings.http().isPresent()) {
      try {
        gateway = Optional.of(gateway(settings.http().get(), Map.of(HttpGateway.PREFIX, guarded(service, frontEnd),
            HttpGateway.ACCOUNTS, guarded(accountAdmin, frontEnd), HttpGateway.GRANTS, guarded(grantAdmin, frontEnd)),
            accounts,
            jdkTls(issuer, pair, certificate)));
      } catch (RuntimeException e) {
        GrpcServers.stop(server, GRACE);
        GrpcServers.stop(executor, GRACE);
        throw e;
      }
    }
    log.info("department API on {}:{}{} for {}", settings.listen().getHostString(), server.getPort(),
        gateway.map(g -> " (HTTP/JSON on port " + g.http().port() + ")").orElse(""), settings.hosts());
    return new DepartmentServer(server, executor, gateway);
  }

  private static ServerServiceDefinition guarded(BindableService service, Optional<ServerInterceptor> frontEnd) {
    return frontEnd.map(guard -> ServerInterceptors.intercept(service, guard)).orElseGet(service::bindService);
  }

  /** The calling account's name in the audit log, when it has the admin role. */
  private static String admin(String toDo) {
    Account caller = Caller.current();
    caller.require(Role.ADMIN, toDo);
    return caller.actor();
  }

  private static Gateway gateway(InetSocketAddress listen, Map<String, ServerServiceDefinition> services,
      AccountInterceptor accounts, SSLContext tls) {
    String name = "cix-department-" + UUID.randomUUID();
    ExecutorService executor = GrpcServers.fixedPool("cix-department-http", THREADS);
    GatewayTickets tickets = new GatewayTickets();
    // the service runs on the thread of the HTTP request that calls it: a pool shared by both would
    // deadlock once every thread waits on a call that needs one more
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
    services.values().forEach(s -> builder.addService(ServerInterceptors.intercept(s, tickets)));
    Server inProcess = builder.build();
    try {
      inProcess.start();
    } catch (IOException e) {
      GrpcServers.stop(executor, GRACE);
      throw new UncheckedIOException(e);
    }
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      return new Gateway(new HttpGateway(listen, tls, accounts, tickets, new java.util.TreeMap<>(services), channel,
          executor), new StaffCalls(channel, tickets, accounts), inProcess, channel, executor);
    } catch (RuntimeException e) {
      GrpcServers.stop(channel, GRACE);
      GrpcServers.stop(inProcess, GRACE);
      GrpcServers.stop(executor, GRACE);
      throw e;
    }
  }

  /** The same key and certificate for the JDK's HTTPS server, trusting the account CA for client certificates. */
  private static SSLContext jdkTls(AccountIssuer issuer, KeyPair pair, X509Certificate certificate) {
    return DepartmentHttpClients.tls(issuer.certificate(), Optional.of(pair.getPrivate()),
        new Certificate[] {certificate, issuer.certificate()});
  }

  private static SslContext tls(AccountIssuer issuer, KeyPair pair, X509Certificate certificate) {
    try {
      return GrpcSslContexts.configure(SslContextBuilder.forServer(pair.getPrivate(), certificate, issuer.certificate()))
          .trustManager(issuer.certificate())
          .clientAuth(ClientAuth.OPTIONAL)
          .protocols("TLSv1.3", "TLSv1.2")
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS for the department API: " + e.getMessage(), e);
    }
  }

  private static void emptySpool(Path spool) {
    try {
      PrivateFiles.createDirectory(spool);
      try (DirectoryStream<Path> left = Files.newDirectoryStream(spool, "submission-*.part")) {
        for (Path file : left) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the spool directory " + spool + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getPort();
  }

  /**
   * Serves the pages {@code pages} makes (given the staff's way into the service) under {@code
   * path} of the HTTP side, on its port and TLS; nothing when the HTTP side is off.
   */
  public void serve(String path, Function<StaffCalls, HttpHandler> pages) {
    gateway.ifPresent(g -> g.http().route(path, pages.apply(g.staff())));
  }

  /** The port of the HTTP/JSON side; -1 when it is off. */
  public int httpPort() {
    return gateway.map(g -> g.http().port()).orElse(-1);
  }

  @Override
  public void close() {
    gateway.ifPresent(Gateway::close);
    GrpcServers.stop(server, GRACE);
    GrpcServers.stop(executor, GRACE);
  }
}
