package org.cix.crypto.pki;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a certificate chain against the national root: PKIX (signatures, validity at the
 * clock's time, CA constraints), then the cix rules: every certificate names a jurisdiction that
 * lies inside its issuer's and a node id inside its issuer's namespace ({@link NodeIdNamespace}), the
 * root is national, and the end certificate fits its purpose.
 *
 * <p>During a root rotation a node trusts two roots, the old and the new ({@link TrustedRoots}); a
 * chain under the new root carries the new root's certificate cross-signed by the old one, so that
 * it also holds where only the old root is trusted yet. Where the new root is trusted itself the
 * chain is cut at the certificate of a trusted root's key, whoever signed it.
 */
public final class ChainValidator {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int NON_REPUDIATION = 1;
  private static final int KEY_CERT_SIGN = 5;

  private final List<X509Certificate> roots;
  private final Set<TrustAnchor> anchors;
  private final Clock clock;
  private final Revocations revocations;

  /** A validator that knows of no revoked certificate. */
  public ChainValidator(X509Certificate root, Clock clock) {
    this(List.of(root), clock, new Revocations());
  }

  /** A validator of chains under any of {@code roots} that knows of no revoked certificate. */
  public ChainValidator(List<X509Certificate> roots, Clock clock) {
    this(roots, clock, new Revocations());
  }

  /** A validator that also refuses every certificate {@code revocations} names. */
  public ChainValidator(List<X509Certificate> roots, Clock clock, Revocations revocations) {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("no trusted root");
    }
    this.roots = List.copyOf(roots);
    this.anchors = roots.stream().map(root -> new TrustAnchor(root, null)).collect(Collectors.toUnmodifiableSet());
    this.clock = clock;
    this.revocations = revocations;
  }

  /** The roots trusted, the first the one this node's own certificates chain to. */
  public List<X509Certificate> roots() {
    return roots;
  }

  /** True when {@code certificate} is one of the trusted roots. */
  public boolean isRoot(X509Certificate certificate) {
    return roots.contains(certificate);
  }

  /**
   * Validates {@code chain} (end certificate first; the root may be included or not).
   *
   * @return the identity the end certificate carries
   * @throws CertificateException with a message saying what is wrong
   */
  public CertIdentity validate(List<X509Certificate> chain, CertificateProfile purpose)
      throws CertificateException {
    return validate(chain, purpose, clock.instant(), java.time.Instant.MAX);
  }

  /**
   * Validates {@code chain} as it stood at {@code at}: within each certificate's validity then,
   * and not revoked by then (see {@link Revocations#revoked(X509Certificate, X509Certificate,
   * java.time.Instant)}). For a seal proven to exist at {@code at}: a certificate that has expired
   * or been superseded since still proves it.
   */
  public CertIdentity validateAt(List<X509Certificate> chain, CertificateProfile purpose, java.time.Instant at)
      throws CertificateException {
    return validate(chain, purpose, at, at);
  }

  /**
   * Within validity at {@code validAt}; not revoked by {@code revokedBy} ({@link java.time.Instant#MAX}
   * for now: a certificate any held list names is refused for new use at once).
   */
  private CertIdentity validate(List<X509Certificate> chain, CertificateProfile purpose, java.time.Instant validAt,
      java.time.Instant revokedBy) throws CertificateException {
    try {
      return check(chain, purpose, validAt, revokedBy);
    } catch (CertificateRefusal e) {
      throw e;
    } catch (CertificateException e) {
      throw new CertificateRefusal(CertificateRefusal.Kind.BAD_CERTIFICATE, e.getMessage(), e);
    }
  }

  private CertIdentity check(List<X509Certificate> chain, CertificateProfile purpose, java.time.Instant at,
      java.time.Instant revokedBy) throws CertificateException {
    if (chain == null || chain.isEmpty()) {
      throw new CertificateException("no certificate presented");
    }
    List<X509Certificate> path = TrustedRoots.pathBelow(chain, roots);
    if (path.isEmpty()) {
      throw new CertificateException("the national root itself is not a node certificate");
    }
    X509Certificate root = checkPkix(path, at);
    checkRevocations(path, revokedBy);
    CertIdentity issuer = CertIdentity.of(root);
    if (!issuer.jurisdiction().isEmpty()) {
      throw new CertificateException("trust anchor is not national");
    }
    CertIdentity identity = null;
    for (int i = path.size() - 1; i >= 0; i--) {
      X509Certificate certificate = path.get(i);
      identity = CertIdentity.of(certificate);
      if (!Jurisdictions.contains(issuer.jurisdiction(), identity.jurisdiction())) {
        throw new CertificateException("certificate " + certificate.getSubjectX500Principal()
            + " of jurisdiction " + Jurisdictions.describe(identity.jurisdiction())
            + " lies outside its issuer's jurisdiction " + Jurisdictions.describe(issuer.jurisdiction()));
      }
      CertIdentity issuedBy = issuer;
      Optional<String> outside = identity.nodeId().flatMap(id -> NodeIdNamespace.refusal(issuedBy, id));
      if (outside.isPresent()) {
        throw new CertificateException("certificate " + certificate.getSubjectX500Principal() + ": "
            + outside.get());
      }
      issuer = identity;
    }
    checkPurpose(path.get(0), purpose);
    if (purpose != CertificateProfile.CA) {
      identity.requireNodeId();
    }
    return identity;
  }

  /** @return the trusted root the path validated to */
  private X509Certificate checkPkix(List<X509Certificate> path, java.time.Instant at) throws CertificateException {
    X509Certificate root;
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      CertPath certPath = factory.generateCertPath(path);
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      PKIXCertPathValidatorResult result =
          (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
      root = result.getTrustAnchor().getTrustedCert();
    } catch (CertPathValidatorException e) {
      throw new CertificateRefusal(kind(e), describe(e), e);
    } catch (GeneralSecurityException e) {
      throw new CertificateException("cannot validate: " + e.getMessage(), e);
    }
    if (root.getNotAfter().toInstant().isBefore(at)) {
      throw new CertificateRefusal(CertificateRefusal.Kind.EXPIRED, "the national root "
          + root.getSubjectX500Principal() + " expired at " + root.getNotAfter().toInstant());
    }
    return root;
  }

  private void checkRevocations(List<X509Certificate> path, java.time.Instant at) throws CertificateException {
    Optional<String> revoked = revocations.revokedIn(path, roots, at);
    if (revoked.isPresent()) {
      throw new CertificateRefusal(CertificateRefusal.Kind.REVOKED, revoked.get());
    }
  }

  private static CertificateRefusal.Kind kind(CertPathValidatorException e) {
    Throwable cause = e.getCause();
    if (cause instanceof CertificateExpiredException) {
      return CertificateRefusal.Kind.EXPIRED;
    }
    if (cause instanceof CertificateNotYetValidException) {
      return CertificateRefusal.Kind.NOT_YET_VALID;
    }
    if (e.getReason() == java.security.cert.PKIXReason.NO_TRUST_ANCHOR) {
      return CertificateRefusal.Kind.UNKNOWN_ISSUER;
    }
    return CertificateRefusal.Kind.BAD_CERTIFICATE;
  }

  private static String describe(CertPathValidatorException e) {
    Throwable cause = e.getCause();
    if (cause instanceof CertificateExpiredException) {
      return "certificate expired: " + cause.getMessage();
    }
    if (cause instanceof CertificateNotYetValidException) {
      return "certificate not yet valid: " + cause.getMessage();
    }
    if (e.getReason() == java.security.cert.PKIXReason.NO_TRUST_ANCHOR) {
      return "not issued under the national root of this federation";
    }
    return "chain does not validate: " + e.getMessage();
  }

  private static void checkPurpose(X509Certificate certificate, CertificateProfile purpose)
      throws CertificateException {
    boolean isCa = certificate.getBasicConstraints() >= 0;
    boolean[] keyUsage = certificate.getKeyUsage();
    switch (purpose) {
      case CA -> {
        if (!isCa || keyUsage == null || !keyUsage[KEY_CERT_SIGN]) {
          throw new CertificateException("not a CA certificate");
        }
      }
      case TLS, FRONT_END -> {
        if (purpose == CertificateProfile.FRONT_END && !CertIdentity.isFrontEnd(certificate)) {
          throw new CertificateException("not a read front end's certificate (it lacks "
              + CertIdentity.FRONT_END_URN + ")");
        }
        List<String> extended;
        try {
          extended = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
          throw new CertificateException("unreadable extended key usage", e);
        }
        if (isCa || extended == null || !extended.contains(SERVER_AUTH) || !extended.contains(CLIENT_AUTH)) {
          throw new CertificateException("not a cix TLS certificate (needs serverAuth and clientAuth)");
        }
      }
      case SEAL -> {
        boolean tlsPurpose;
        try {
          tlsPurpose = certificate.getExtendedKeyUsage() != null;
        } catch (CertificateParsingException e) {
          throw new CertificateException("unreadable extended key usage", e);
        }
        if (isCa || tlsPurpose || keyUsage == null || !keyUsage[DIGITAL_SIGNATURE] || !keyUsage[NON_REPUDIATION]) {
          throw new CertificateException("not a cix sealing certificate");
        }
      }
    }
  }
}
