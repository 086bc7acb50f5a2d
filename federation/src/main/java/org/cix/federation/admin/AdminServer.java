package org.cix.federation.admin;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.cix.federation.server.GrpcServers;

/**
 * The admin endpoint: bound to the loopback interface only (never configurable to anything
 * else), plaintext on loopback, every call authenticated by the node's admin token.
 */
public final class AdminServer implements AutoCloseable {
  private static final Duration GRACE = Duration.ofSeconds(2);
  private final Server server;
  private final ExecutorService executor;

  private AdminServer(Server server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static AdminServer start(int port, String token, List<BindableService> services) {
    ExecutorService executor = GrpcServers.fixedPool("cix-admin", 2);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(),
        port)).executor(executor).maxInboundMessageSize(4 * 1024 * 1024);
    AdminAuthInterceptor auth = new AdminAuthInterceptor(token);
    services.forEach(service -> builder.addService(ServerInterceptors.intercept(service, auth)));
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      GrpcServers.stop(executor, GRACE);
      throw new UncheckedIOException("cannot listen for admin calls on loopback port " + port + ": "
          + e.getMessage(), e);
    }
    return new AdminServer(server, executor);
  }

  /** The services it serves, as their features bound them. */
  public List<io.grpc.ServiceDescriptor> services() {
    return server.getServices().stream().map(io.grpc.ServerServiceDefinition::getServiceDescriptor).toList();
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    GrpcServers.stop(server, GRACE);
    GrpcServers.stop(executor, GRACE);
  }
}
