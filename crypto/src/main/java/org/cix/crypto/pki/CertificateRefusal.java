package org.cix.crypto.pki;

import java.security.cert.CertificateException;

/**
 * A certificate chain refused by {@link ChainValidator}, with the kind of refusal that decides the
 * TLS alert a handshake ends with (unknown CA, expired, revoked, bad certificate) and what the log
 * says.
 */
public final class CertificateRefusal extends CertificateException {
  private static final long serialVersionUID = 1L;

  /** Why, as TLS alerts tell it. */
  public enum Kind {
    /** Not issued under the national root of this federation (alert unknown_ca). */
    UNKNOWN_ISSUER,
    /** Past its validity (alert certificate_expired). */
    EXPIRED,
    /** Not yet valid (alert bad_certificate). */
    NOT_YET_VALID,
    /** Named by a revocation list (alert certificate_revoked). */
    REVOKED,
    /** Issued against the cix rules, for another purpose, or naming another node (alert bad_certificate). */
    BAD_CERTIFICATE
  }

  private final Kind kind;

  public CertificateRefusal(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CertificateRefusal(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
