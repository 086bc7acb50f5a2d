package org.cix.federation.tls;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.cix.crypto.pki.CertIdentity;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.NodeTrustManager;

/**
 * TLS 1.3 contexts of a node, both sides presenting the node's TLS certificate and trusting only
 * chains that validate to the national root under the jurisdiction rules. The certificate
 * presented is the one in force at each handshake ({@link RenewableKeyManager}).
 */
public final class TlsContexts {
  private static final String TLS_13 = "TLSv1.3";

  private TlsContexts() {}

  /** Refused handshakes of this process, logged at most once a minute per address. */
  private static final HandshakeRefusals REFUSALS = new HandshakeRefusals(Duration.ofMinutes(1), Clock.systemUTC());

  /** TLS handshakes this process refused for a certificate since it started. */
  public static long refusedHandshakes() {
    return REFUSALS.total();
  }

  /** Server side: client certificates are REQUIRED. */
  public static SslContext server(NodeKeyMaterial keys, Clock clock) throws SSLException {
    SslContextBuilder builder = SslContextBuilder.forServer(new RenewableKeyManager(keys));
    return GrpcSslContexts.configure(builder)
        .trustManager(new AlertingTrustManager(NodeTrustManager.forServer(keys.validator(clock)), REFUSALS))
        .clientAuth(ClientAuth.REQUIRE)
        .protocols(TLS_13)
        .build();
  }

  /**
   * Client side, dialling the node {@code expectedNodeId}: any other server is refused;
   * {@code onVerified} learns the server's certified identity at each handshake.
   */
  public static SslContext client(
      NodeKeyMaterial keys, String expectedNodeId, Consumer<CertIdentity> onVerified, Clock clock)
      throws SSLException {
    return GrpcSslContexts.forClient()
        .keyManager(new RenewableKeyManager(keys))
        .trustManager(new AlertingTrustManager(NodeTrustManager.forClient(keys.validator(clock), expectedNodeId,
            onVerified), REFUSALS))
        .protocols(TLS_13)
        .build();
  }
}
