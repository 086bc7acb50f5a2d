package org.cix.crypto.pki;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust decision of cix TLS: the peer's chain must validate to the national root under the
 * jurisdiction rules of {@link ChainValidator}. A node's identity is its node id, not a host
 * name, so host names are not checked; a client that dials a known node instead names the node
 * id it expects, and any other node is refused during the handshake, as is a read front end of
 * that node (whose key could otherwise take a child's bundles in its writer's name).
 */
public final class NodeTrustManager extends X509ExtendedTrustManager {
  private final ChainValidator validator;
  private final Optional<String> expectedServer;
  private final Consumer<CertIdentity> onServerVerified;

  private NodeTrustManager(
      ChainValidator validator, Optional<String> expectedServer, Consumer<CertIdentity> onServerVerified) {
    this.validator = validator;
    this.expectedServer = expectedServer;
    this.onServerVerified = onServerVerified;
  }

  /** For a server: any valid node may connect (what it may do is decided per call). */
  public static NodeTrustManager forServer(ChainValidator validator) {
    return new NodeTrustManager(validator, Optional.empty(), identity -> {});
  }

  /** For a client dialling {@code expectedNodeId}: only that node's certificate is accepted. */
  public static NodeTrustManager forClient(ChainValidator validator, String expectedNodeId) {
    return forClient(validator, expectedNodeId, identity -> {});
  }

  /**
   * As {@link #forClient(ChainValidator, String)}, telling {@code onVerified} the server's
   * certified identity (its jurisdiction, above all) after each successful handshake.
   */
  public static NodeTrustManager forClient(
      ChainValidator validator, String expectedNodeId, Consumer<CertIdentity> onVerified) {
    return new NodeTrustManager(validator, Optional.of(expectedNodeId), onVerified);
  }

  private CertIdentity check(X509Certificate[] chain) throws CertificateException {
    return validator.validate(chain == null ? null : Arrays.asList(chain), CertificateProfile.TLS);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    CertIdentity identity = check(chain);
    if (expectedServer.isPresent() && !expectedServer.get().equals(identity.requireNodeId())) {
      throw new CertificateRefusal(CertificateRefusal.Kind.BAD_CERTIFICATE,
          "expected node " + expectedServer.get() + " but the server is node " + identity.requireNodeId());
    }
    if (expectedServer.isPresent() && CertIdentity.isFrontEnd(chain[0])) {
      throw new CertificateRefusal(CertificateRefusal.Kind.BAD_CERTIFICATE, "the server presents a read front "
          + "end's certificate of node " + identity.requireNodeId() + ": nodes link with a node's writer only");
    }
    onServerVerified.accept(identity);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return validator.roots().toArray(X509Certificate[]::new);
  }
}
