package org.cix.federation.admin;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Admits admin calls only from loopback and only with this node's admin token (compared in
 * constant time). Anything else is closed UNAUTHENTICATED or PERMISSION_DENIED.
 */
final class AdminAuthInterceptor implements ServerInterceptor {
  private final byte[] expected;

  AdminAuthInterceptor(String token) {
    this.expected = (AdminToken.SCHEME + token).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Object remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    if (!(remote instanceof InetSocketAddress inet) || !inet.getAddress().isLoopbackAddress()) {
      return refuse(call, Status.PERMISSION_DENIED.withDescription("admin calls are accepted from loopback only"));
    }
    String presented = headers.get(AdminToken.HEADER);
    if (presented == null) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription("admin token required"));
    }
    if (!MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.US_ASCII))) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription("wrong admin token for this node"));
    }
    return next.startCall(call, headers);
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
