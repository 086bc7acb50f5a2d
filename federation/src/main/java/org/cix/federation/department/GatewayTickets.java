package org.cix.federation.department;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cix.core.account.Account;
import org.cix.proto.v1.DepartmentGrpc;

/**
 * How the HTTP gateway hands the account it authenticated to the in-process gRPC service: a
 * random one-time ticket per call, taken back by the in-process server's interceptor. The
 * in-process server is reachable from this process only; a call without a ticket has no account.
 */
final class GatewayTickets implements ServerInterceptor {
  static final Metadata.Key<String> HEADER = Metadata.Key.of("cix-gateway-ticket", Metadata.ASCII_STRING_MARSHALLER);

  private final Map<String, Account> issued = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /** A ticket for one call under {@code account}. */
  String issue(Account account) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String ticket = HexFormat.of().formatHex(bytes);
    issued.put(ticket, account);
    return ticket;
  }

  /** Forgets a ticket not taken (the call never reached the service). */
  void discard(String ticket) {
    issued.remove(ticket);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    if (call.getMethodDescriptor().getFullMethodName().equals(DepartmentGrpc.getLoginMethod().getFullMethodName())) {
      return next.startCall(call, headers);
    }
    String ticket = headers.get(HEADER);
    Account account = ticket == null ? null : issued.remove(ticket);
    if (account == null) {
      call.close(Status.UNAUTHENTICATED.withDescription("no account for this call"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(Context.current().withValue(Caller.ACCOUNT, account), call, headers, next);
  }
}
