package org.cix.federation.admin;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.cix.federation.rpc.StatusMapping;
import org.cix.federation.server.GrpcServers;
import org.cix.proto.v1.AdminGrpc;
import org.cix.proto.v1.NodeStatus;
import org.cix.proto.v1.StatusRequest;

/** The CLI's side of the admin service, on loopback, every call with a deadline. */
public final class AdminClient implements AutoCloseable {
  private final ManagedChannel channel;
  private final AdminGrpc.AdminBlockingStub stub;
  private final Duration deadline;

  public AdminClient(int port, String token, Duration deadline) {
    this.channel = NettyChannelBuilder
        .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
        .usePlaintext()
        .build();
    Metadata headers = new Metadata();
    headers.put(AdminToken.HEADER, AdminToken.SCHEME + token);
    this.stub = AdminGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    this.deadline = deadline;
  }

  /** @throws org.cix.core.error.CixException when the node refuses or cannot be reached */
  public NodeStatus status() {
    try {
      return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).status(StatusRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      throw StatusMapping.toDomain(e);
    }
  }

  @Override
  public void close() {
    GrpcServers.stop(channel, Duration.ofSeconds(2));
  }
}
