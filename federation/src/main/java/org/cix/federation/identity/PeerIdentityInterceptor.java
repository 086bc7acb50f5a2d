package org.cix.federation.identity;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.crypto.pki.CertIdentity;
import org.cix.crypto.pki.Revocations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives the calling node from the verified TLS session (node id and jurisdiction from its
 * leaf certificate) and puts it in the call's {@link Context}. A call without a TLS session or
 * without a cix node certificate is closed UNAUTHENTICATED: fail closed. So is every call over a
 * connection whose certificate a revocation list names, though the handshake came before the list,
 * and every call made with a read front end's certificate (front ends answer, they never call).
 */
public final class PeerIdentityInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(PeerIdentityInterceptor.class);

  private final Revocations revocations;
  private final List<X509Certificate> roots;

  public PeerIdentityInterceptor(Revocations revocations, List<X509Certificate> roots) {
    this.revocations = revocations;
    this.roots = List.copyOf(roots);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    NodeIdentity peer;
    Optional<String> issuer;
    java.time.Instant certifiedUntil;
    try {
      SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
      peer = identify(session);
      issuer = issuer(session);
      certifiedUntil = ((X509Certificate) session.getPeerCertificates()[0]).getNotAfter().toInstant();
    } catch (SSLPeerUnverifiedException | CertificateParsingException | IllegalArgumentException e) {
      log.warn("refused call {} from {}: {}", call.getMethodDescriptor().getFullMethodName(),
          call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), e.getMessage());
      call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    Object remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    String address = remote instanceof java.net.InetSocketAddress inet
        ? inet.getAddress().getHostAddress() + ":" + inet.getPort()
        : String.valueOf(remote);
    Context context = Context.current().withValues(PeerIdentity.KEY, peer, PeerIdentity.ADDRESS, address,
        PeerIdentity.ISSUER, issuer, PeerIdentity.CERTIFIED_UNTIL, certifiedUntil);
    return Contexts.interceptCall(context, call, headers, next);
  }

  /**
   * The node id of the CA that issued the leaf of a session {@link #identify} accepted: the
   * certificate after the leaf, which the handshake validated as its signer; empty for the root
   * (not sent, or sent and naming no node).
   */
  static Optional<String> issuer(SSLSession session) throws SSLPeerUnverifiedException, CertificateParsingException {
    Certificate[] chain = session.getPeerCertificates();
    return chain.length > 1 && chain[1] instanceof X509Certificate ca ? CertIdentity.of(ca).nodeId()
        : Optional.empty();
  }

  NodeIdentity identify(SSLSession session)
      throws SSLPeerUnverifiedException, CertificateParsingException {
    if (session == null) {
      throw new SSLPeerUnverifiedException("no TLS session: cix nodes speak mutual TLS only");
    }
    Certificate[] chain = session.getPeerCertificates();
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      throw new SSLPeerUnverifiedException("no X.509 client certificate");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (Certificate certificate : chain) {
      if (certificate instanceof X509Certificate x509) {
        certificates.add(x509);
      }
    }
    Optional<String> revoked = revocations.revokedIn(certificates, roots);
    if (revoked.isPresent()) {
      throw new SSLPeerUnverifiedException(revoked.get());
    }
    CertIdentity identity = CertIdentity.of(leaf);
    if (CertIdentity.isFrontEnd(leaf)) {
      throw new SSLPeerUnverifiedException("the certificate of a read front end of node "
          + identity.nodeId().orElse("(none)") + ": a front end answers, it never calls other nodes");
    }
    return new NodeIdentity(identity.requireNodeId(), new Jurisdiction(identity.jurisdiction()));
  }
}
