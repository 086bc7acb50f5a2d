package org.cix.federation.server;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.federation.identity.PeerIdentityInterceptor;
import org.cix.federation.tls.TlsContexts;

/**
 * The node's federation endpoint: gRPC over Netty, TLS 1.3 with client certificates required,
 * every service behind {@link PeerIdentityInterceptor}, explicit limits, the gRPC health service.
 */
public final class NodeServer implements AutoCloseable {
  /**
   * Calls one connection may have open at once: a node needs a handful (its link stream and a
   * few queries); a peer opening thousands waits for its own calls to end, others are not slowed.
   */
  static final int MAX_CALLS_PER_CONNECTION = 100;

  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private final Server server;
  private final HealthStatusManager health;
  private final ExecutorService executor;

  private NodeServer(Server server, HealthStatusManager health, ExecutorService executor) {
    this.server = server;
    this.health = health;
    this.executor = executor;
  }

  public static NodeServer start(
      InetSocketAddress address, ServerLimits limits, NodeKeyMaterial keys, Clock clock,
      List<BindableService> services) {
    HealthStatusManager health = new HealthStatusManager();
    ExecutorService executor = GrpcServers.fixedPool("cix-federation", limits.threads());
    NettyServerBuilder builder;
    try {
      builder = NettyServerBuilder.forAddress(address).sslContext(TlsContexts.server(keys, clock));
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
    PeerIdentityInterceptor identities = new PeerIdentityInterceptor(keys.revocations(), keys.roots());
    builder.executor(executor)
        .maxInboundMessageSize(limits.maxInboundMessageBytes())
        .maxInboundMetadataSize(16 * 1024)
        .maxConcurrentCallsPerConnection(MAX_CALLS_PER_CONNECTION)
        .keepAliveTime(limits.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
        .keepAliveTimeout(limits.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .permitKeepAliveTime(limits.permitKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
        .permitKeepAliveWithoutCalls(true)
        .maxConnectionIdle(limits.maxConnectionIdle().toMillis(), TimeUnit.MILLISECONDS)
        .maxConnectionAge(limits.maxConnectionAge().toMillis(), TimeUnit.MILLISECONDS)
        .maxConnectionAgeGrace(limits.maxConnectionAgeGrace().toMillis(), TimeUnit.MILLISECONDS)
        .handshakeTimeout(limits.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .addService(ServerInterceptors.intercept(health.getHealthService(), identities));
    for (BindableService service : services) {
      builder.addService(ServerInterceptors.intercept(service, identities));
    }
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      GrpcServers.stop(executor, SHUTDOWN_GRACE);
      throw new UncheckedIOException("cannot listen on " + address.getHostString() + ":" + address.getPort()
          + " (" + e.getMessage().replaceFirst(".*: ", "") + "; is another node or program using the port?)", e);
    }
    health.setStatus("", ServingStatus.SERVING);
    return new NodeServer(server, health, executor);
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    health.enterTerminalState();
    GrpcServers.stop(server, SHUTDOWN_GRACE);
    GrpcServers.stop(executor, SHUTDOWN_GRACE);
  }
}
