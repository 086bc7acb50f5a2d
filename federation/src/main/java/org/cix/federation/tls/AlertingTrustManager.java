package org.cix.federation.tls;

import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSslCertificateException;
import io.grpc.netty.shaded.io.netty.internal.tcnative.CertificateVerifier;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.cix.crypto.pki.CertificateRefusal;
import org.cix.crypto.pki.NodeTrustManager;

/**
 * The node's trust decision ({@link NodeTrustManager}) as the TLS stack needs it: a refused chain
 * ends the handshake with the alert that names why (unknown_ca 48, certificate_expired 45,
 * certificate_revoked 44, bad_certificate 42) instead of internal_error, and each refusal is
 * logged with the peer's address, at most once per address and interval ({@link HandshakeRefusals}).
 */
final class AlertingTrustManager extends X509ExtendedTrustManager {
  private final NodeTrustManager trust;
  private final HandshakeRefusals refusals;

  AlertingTrustManager(NodeTrustManager trust, HandshakeRefusals refusals) {
    this.trust = trust;
    this.refusals = refusals;
  }

  /** The X509 verification error OpenSSL turns into the alert for {@code kind}. */
  static int errorCode(CertificateRefusal.Kind kind) {
    return switch (kind) {
      case UNKNOWN_ISSUER -> CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
      case EXPIRED -> CertificateVerifier.X509_V_ERR_CERT_HAS_EXPIRED;
      case NOT_YET_VALID -> CertificateVerifier.X509_V_ERR_CERT_NOT_YET_VALID;
      case REVOKED -> CertificateVerifier.X509_V_ERR_CERT_REVOKED;
      case BAD_CERTIFICATE -> CertificateVerifier.X509_V_ERR_CERT_REJECTED;
    };
  }

  private interface Check {
    void run() throws CertificateException;
  }

  private void checked(Check check, SSLEngine engine, String side) throws CertificateException {
    try {
      check.run();
    } catch (CertificateException e) {
      CertificateRefusal.Kind kind = e instanceof CertificateRefusal refusal ? refusal.kind()
          : CertificateRefusal.Kind.BAD_CERTIFICATE;
      refusals.refused(engine == null ? "?" : engine.getPeerHost() + ":" + engine.getPeerPort(), side,
          e.getMessage());
      throw new OpenSslCertificateException(e.getMessage(), e, errorCode(kind));
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checked(() -> trust.checkClientTrusted(chain, authType), engine, "client");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checked(() -> trust.checkServerTrusted(chain, authType), engine, "server");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checked(() -> trust.checkClientTrusted(chain, authType), null, "client");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checked(() -> trust.checkServerTrusted(chain, authType), null, "server");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    checked(() -> trust.checkClientTrusted(chain, authType), null, "client");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    checked(() -> trust.checkServerTrusted(chain, authType), null, "server");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return trust.getAcceptedIssuers();
  }
}
