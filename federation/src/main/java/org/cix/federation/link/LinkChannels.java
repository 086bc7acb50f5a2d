package org.cix.federation.link;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import org.cix.crypto.pki.CertIdentity;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.federation.server.ServerLimits;
import org.cix.federation.tls.TlsContexts;

/** Client channels to other nodes: mutual TLS 1.3, expecting one node id, with keepalive. */
public final class LinkChannels {
  private LinkChannels() {}

  /**
   * @param certifiedServer receives the server's certified identity at each handshake
   */
  public static ManagedChannel open(
      NodeKeyMaterial keys, LinkTarget target, ServerLimits limits, Clock clock,
      AtomicReference<CertIdentity> certifiedServer) {
    try {
      return NettyChannelBuilder.forAddress(target.host(), target.port())
          .sslContext(TlsContexts.client(keys, target.nodeId(), certifiedServer::set, clock))
          .maxInboundMessageSize(limits.maxInboundMessageBytes())
          .keepAliveTime(limits.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
          .keepAliveTimeout(limits.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .keepAliveWithoutCalls(true)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS for the link to " + target.nodeId() + ": "
          + e.getMessage(), e);
    }
  }
}
