package org.cix.crypto.pki;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When one of a node's certificates expires: its TLS and sealing certificates, the CA that issued
 * them and the national root, so that `cix status` and the metrics show an expiry coming while
 * there is time to renew.
 *
 * @param which {@code tls}, {@code seal}, {@code issuer}, {@code root} (and {@code root-2} while a
 *     second root is trusted)
 */
public record CertificateExpiry(String which, String subject, Instant notAfter) {
  /** How long before its expiry a certificate is shown as due for renewal. */
  public static final Duration WARN_BEFORE = Duration.ofDays(30);

  /** The node's certificates, in the order above (the issuer only when a node CA issued the node). */
  public static List<CertificateExpiry> of(NodeKeyMaterial keys) {
    List<CertificateExpiry> expiries = new ArrayList<>();
    expiries.add(of("tls", keys.tlsChain().get(0)));
    if (!keys.frontEnd()) {
      expiries.add(of("seal", keys.sealChain().get(0)));
    }
    if (keys.tlsChain().size() > 1) {
      expiries.add(of("issuer", keys.tlsChain().get(1)));
    }
    for (int i = 0; i < keys.roots().size(); i++) {
      expiries.add(of(i == 0 ? "root" : "root-" + (i + 1), keys.roots().get(i)));
    }
    return expiries;
  }

  private static CertificateExpiry of(String which, X509Certificate certificate) {
    return new CertificateExpiry(which, certificate.getSubjectX500Principal().getName(),
        certificate.getNotAfter().toInstant());
  }

  /** True when the certificate expires within {@link #WARN_BEFORE} of {@code now} (or has expired). */
  public boolean dueAt(Instant now) {
    return !notAfter.isAfter(now.plus(WARN_BEFORE));
  }
}
