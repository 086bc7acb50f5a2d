package org.cix.federation.department;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.cix.core.account.Account;
import org.cix.core.account.Accounts;
import org.cix.federation.rpc.StatusMapping;
import org.cix.proto.v1.DepartmentGrpc;

/**
 * Names the account of each department API call: the client certificate presented in the TLS
 * handshake (which the account CA issued; the handshake checked that), else the bearer token of a
 * session; refuses the call (UNAUTHENTICATED, PERMISSION_DENIED) when neither names a usable
 * account. Login is the one call made without an account.
 */
final class AccountInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "Bearer ";

  private final Accounts accounts;

  AccountInterceptor(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    if (call.getMethodDescriptor().getFullMethodName().equals(DepartmentGrpc.getLoginMethod().getFullMethodName())) {
      return next.startCall(call, headers);
    }
    Account account;
    try {
      account = authenticate(clientCertificate(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION)),
          Optional.ofNullable(headers.get(AUTHORIZATION)));
    } catch (RuntimeException e) {
      io.grpc.StatusRuntimeException status = StatusMapping.toStatus(e);
      call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(Context.current().withValue(Caller.ACCOUNT, account), call, headers, next);
  }

  /** The account of a certificate, else of a bearer token; the one rule for gRPC and HTTP. */
  Account authenticate(Optional<X509Certificate> certificate, Optional<String> authorization) {
    if (certificate.isPresent()) {
      return accounts.byCertificate(certificate.get());
    }
    if (authorization.isPresent() && authorization.get().startsWith(BEARER)) {
      return accounts.bySession(authorization.get().substring(BEARER.length()).trim());
    }
    throw org.cix.core.error.CixException.unauthenticated("present the client certificate of an account, or "
        + "\"authorization: Bearer <token>\" from Login");
  }

  static Optional<X509Certificate> clientCertificate(SSLSession session) {
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? Optional.of(x509) : Optional.empty();
    } catch (SSLPeerUnverifiedException none) {
      return Optional.empty();
    }
  }
}
