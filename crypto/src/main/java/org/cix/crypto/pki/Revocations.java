package org.cix.crypto.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.cix.crypto.CryptoProviders;

/**
 * The certificate revocation lists a node has verified, the newest per issuing CA. A CA's list
 * counts only when its signature verifies with the CA's certificate and that certificate is a CA
 * of the federation; {@link ChainValidator} then refuses any certificate a held list names, and
 * with it everything issued under it. Thread-safe: handshakes read while the node adds lists.
 */
public final class Revocations {
  private static final int CRL_SIGN = 6;

  /** A verified list: its CA, number and entries. */
  public record Held(X509Certificate issuer, BigInteger number, X509CRL crl) {
    public int size() {
      return crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
    }

    /** When the CA said it would issue its next list; empty when the list does not say. */
    public Optional<Instant> nextUpdate() {
      return Optional.ofNullable(crl.getNextUpdate()).map(java.util.Date::toInstant);
    }

    /**
     * True when the next list was due before {@code now}: a newer list may exist that this node
     * has not received (it is cut off from the CA's node, or the CA stopped publishing). The list
     * held still applies: forgetting it would let what it revokes back in.
     */
    public boolean overdueAt(Instant now) {
      return nextUpdate().map(now::isAfter).orElse(false);
    }
  }

  private final Map<String, Held> byIssuer = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /**
   * Verifies {@code crl} as issued by {@code issuerChain.get(0)} (its chain to the root, root
   * last or omitted) and keeps it when it is newer than the list held for that CA.
   *
   * @return true when it replaced or added a list (listeners have been told)
   * @throws CertificateException saying why the list is not acceptable
   */
  public boolean accept(X509CRL crl, List<X509Certificate> issuerChain, ChainValidator validator)
      throws CertificateException {
    Held held = verify(crl, issuerChain, validator);
    String key = Fingerprints.sha256(held.issuer());
    boolean[] changed = {false};
    byIssuer.compute(key, (k, before) -> {
      if (before != null && before.number().compareTo(held.number()) >= 0) {
        return before;
      }
      changed[0] = true;
      return held;
    });
    if (changed[0]) {
      listeners.forEach(Runnable::run);
    }
    return changed[0];
  }

  /**
   * Checks {@code crl} without keeping it.
   *
   * @throws CertificateException saying why the list is not acceptable
   */
  public static Held verify(X509CRL crl, List<X509Certificate> issuerChain, ChainValidator validator)
      throws CertificateException {
    if (issuerChain.isEmpty()) {
      throw new CertificateException("no issuer certificate for the revocation list");
    }
    X509Certificate issuer = issuerChain.get(0);
    if (!validator.isRoot(issuer)) {
      validator.validate(issuerChain, CertificateProfile.CA);
    }
    boolean[] usage = issuer.getKeyUsage();
    if (usage == null || usage.length <= CRL_SIGN || !usage[CRL_SIGN]) {
      throw new CertificateException("the issuer " + issuer.getSubjectX500Principal() + " may not sign revocation lists");
    }
    if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      throw new CertificateException("the list names issuer " + crl.getIssuerX500Principal()
          + ", not " + issuer.getSubjectX500Principal());
    }
    try {
      crl.verify(issuer.getPublicKey(), CryptoProviders.bouncyCastle());
    } catch (GeneralSecurityException e) {
      throw new CertificateException("the revocation list's signature does not verify with "
          + issuer.getSubjectX500Principal(), e);
    }
    return new Held(issuer, number(crl), crl);
  }

  /**
   * Why {@code certificate}, issued by {@code issuer}, is revoked; empty when no held list names
   * it.
   */
  public Optional<String> revoked(X509Certificate certificate, X509Certificate issuer) {
    return revoked(certificate, issuer, Instant.MAX);
  }

  /**
   * Why {@code certificate}, issued by {@code issuer}, was revoked at {@code at}: a revocation
   * takes effect on its date, or for a key or CA compromise from the invalidity date the entry
   * gives (the time the key is known or suspected to have been compromised), when earlier. Empty
   * when no held list names it, or its revocation took effect after {@code at}: what was proven
   * to exist before a key was superseded keeps its proof.
   */
  public Optional<String> revoked(X509Certificate certificate, X509Certificate issuer, Instant at) {
    if (byIssuer.isEmpty()) {
      return Optional.empty();
    }
    Held held = byIssuer.get(Fingerprints.sha256(issuer));
    if (held == null) {
      return Optional.empty();
    }
    X509CRLEntry entry = held.crl().getRevokedCertificate(certificate.getSerialNumber());
    if (entry == null || effective(entry).isAfter(at)) {
      return Optional.empty();
    }
    String reason = entry.getRevocationReason() == null ? "unspecified"
        : entry.getRevocationReason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    return Optional.of("certificate revoked: " + certificate.getSubjectX500Principal() + " serial "
        + certificate.getSerialNumber().toString(16) + " revoked by " + issuer.getSubjectX500Principal()
        + " on " + entry.getRevocationDate().toInstant() + " (" + reason + invalidity(entry).map(
            t -> ", compromised since " + t).orElse("") + "; list number " + held.number() + ")");
  }

  /**
   * When {@code entry}'s revocation takes effect (see {@link #revoked(X509Certificate,
   * X509Certificate, Instant)}). A list's dates have one-second precision: a revocation for any
   * reason but compromise takes effect at the end of its second, so that what was proven within
   * the second it was made keeps its proof; a compromise takes effect at its start.
   */
  static Instant effective(X509CRLEntry entry) {
    Instant revoked = entry.getRevocationDate().toInstant();
    java.security.cert.CRLReason reason = entry.getRevocationReason();
    boolean compromise = reason == java.security.cert.CRLReason.KEY_COMPROMISE
        || reason == java.security.cert.CRLReason.CA_COMPROMISE;
    return compromise ? invalidity(entry).filter(t -> t.isBefore(revoked)).orElse(revoked) : revoked.plusSeconds(1);
  }

  /** The invalidity date of {@code entry} (RFC 5280 5.3.2), when it gives one. */
  static Optional<Instant> invalidity(X509CRLEntry entry) {
    byte[] value = entry.getExtensionValue(Extension.invalidityDate.getId());
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ASN1GeneralizedTime.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value))
          .getDate().toInstant());
    } catch (IOException | java.text.ParseException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Why a certificate of {@code chain} is revoked, whatever the date its revocation takes effect:
   * for a connection made now.
   */
  public Optional<String> revokedIn(List<X509Certificate> chain, List<X509Certificate> roots) {
    return revokedIn(chain, roots, Instant.MAX);
  }

  /**
   * Why a certificate of {@code chain} (end certificate first, up to one of the trusted {@code
   * roots} or its cross certificate, which may be omitted) was revoked at {@code at}; empty when
   * no held list names any of them as revoked by then.
   */
  public Optional<String> revokedIn(List<X509Certificate> chain, List<X509Certificate> roots, Instant at) {
    List<X509Certificate> path = TrustedRoots.pathBelow(chain, roots);
    for (int i = 0; i < path.size(); i++) {
      X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : TrustedRoots.issuerOf(path.get(i), roots);
      Optional<String> revoked = revoked(path.get(i), issuer, at);
      if (revoked.isPresent()) {
        return revoked;
      }
    }
    return Optional.empty();
  }

  /** The lists held, one per CA. */
  public List<Held> held() {
    return List.copyOf(byIssuer.values());
  }

  /** {@code listener} runs after every list that changed what is revoked. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** Parses a DER-encoded revocation list; refuses anything that is not one. */
  public static X509CRL parse(byte[] der) throws CertificateException {
    try {
      return (X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCRL(new java.io.ByteArrayInputStream(der));
    } catch (java.security.cert.CRLException | ClassCastException e) {
      throw new CertificateException("not a certificate revocation list: " + e.getMessage(), e);
    }
  }

  /** The CRL number extension; a list without one is refused (lists must be ordered). */
  static BigInteger number(X509CRL crl) throws CertificateException {
    byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
    if (value == null) {
      throw new CertificateException("the revocation list has no CRL number");
    }
    try {
      return ASN1Integer.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getValue();
    } catch (IOException | IllegalArgumentException e) {
      throw new CertificateException("unreadable CRL number", e);
    }
  }

  /** The reason codes {@code cix ca revoke} accepts, by name. */
  public static int reasonCode(String name) {
    return switch (name) {
      case "unspecified" -> CRLReason.unspecified;
      case "key-compromise" -> CRLReason.keyCompromise;
      case "ca-compromise" -> CRLReason.cACompromise;
      case "affiliation-changed" -> CRLReason.affiliationChanged;
      case "superseded" -> CRLReason.superseded;
      case "cessation-of-operation" -> CRLReason.cessationOfOperation;
      default -> throw new IllegalArgumentException("unknown revocation reason '" + name + "' (one of unspecified, "
          + "key-compromise, ca-compromise, affiliation-changed, superseded, cessation-of-operation)");
    };
  }
}
