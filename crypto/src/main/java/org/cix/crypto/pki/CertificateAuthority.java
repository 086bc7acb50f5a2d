package org.cix.crypto.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.cix.crypto.keys.KeyAlgorithm;
import org.cix.crypto.pem.KeyMaterialException;
import org.cix.crypto.pem.PemFiles;

/**
 * A certificate authority of the cix hierarchy: the national root, or a node's issuing CA. It
 * issues only inside its own jurisdiction; {@link ChainValidator} enforces the same rule along
 * every chain, so a CA that broke it would still be refused.
 *
 * <p>On disk a CA directory holds {@code ca.key}, {@code ca.crt} (this CA's certificate followed
 * by its issuers up to, not including, the root) and {@code root.crt} (the roots trusted, see
 * {@link TrustedRoots}). A root made by {@link #rotate} also holds {@code cross.crt}: its
 * certificate signed by the root it replaces, sent with every chain it issues so that they hold
 * where only the old root is trusted yet.
 */
public final class CertificateAuthority {
  public static final String KEY_FILE = "ca.key";
  public static final String CERT_FILE = "ca.crt";
  public static final String ROOT_FILE = "root.crt";
  public static final String CROSS_FILE = "cross.crt";

  private final PrivateKey key;
  private final List<X509Certificate> pathToRoot;
  private final X509Certificate root;
  private final List<X509Certificate> trusted;
  private final List<X509Certificate> cross;
  private final CertIdentity identity;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private CertificateAuthority(PrivateKey key, List<X509Certificate> pathToRoot, X509Certificate root,
      List<X509Certificate> trusted, List<X509Certificate> cross, Clock clock) throws CertificateParsingException {
    this.key = key;
    this.pathToRoot = List.copyOf(pathToRoot);
    this.root = root;
    this.trusted = List.copyOf(trusted);
    this.cross = List.copyOf(cross);
    this.identity = CertIdentity.of(certificate());
    this.clock = clock;
  }

  /** Creates a self-signed national root CA. */
  public static CertificateAuthority createRoot(String name, Duration validity, Clock clock) {
    KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    Instant now = clock.instant();
    X500Name subject = rootName(name);
    try {
      X509Certificate certificate = rootCertificate(subject, pair.getPublic(), subject, pair.getPrivate(),
          now.minusSeconds(60), now.plus(validity));
      return new CertificateAuthority(pair.getPrivate(), List.of(), certificate, List.of(certificate), List.of(),
          clock);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot create root CA", e);
    }
  }

  /**
   * The root that replaces this one: a new key and self-signed certificate named {@code name},
   * and its cross certificate signed by this root (valid while both are), which lets nodes that
   * trust only this root take the new one ({@link TrustedRoots#add}) and validate what it issues.
   * The new root trusts both until the old one is retired.
   *
   * @throws IllegalArgumentException when this CA is not a root, or {@code name} is this root's
   */
  public CertificateAuthority rotate(String name, Duration validity) {
    if (!pathToRoot.isEmpty()) {
      throw new IllegalArgumentException("only a root is rotated: the CA of " + identity.nodeId().orElse("a node")
          + " is renewed by its parent");
    }
    X500Name subject = rootName(name);
    if (X500Name.getInstance(root.getSubjectX500Principal().getEncoded()).equals(subject)) {
      throw new IllegalArgumentException("the new root needs a name of its own, not \"" + name + "\" again");
    }
    KeyPair pair = KeyAlgorithm.EC_P256.generate(random);
    Instant now = clock.instant();
    Instant end = now.plus(validity);
    Instant crossEnd = root.getNotAfter().toInstant().isBefore(end) ? root.getNotAfter().toInstant() : end;
    try {
      X509Certificate next = rootCertificate(subject, pair.getPublic(), subject, pair.getPrivate(),
          now.minusSeconds(60), end);
      X509Certificate crossCertificate = rootCertificate(subject, pair.getPublic(),
          X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), key, now.minusSeconds(60), crossEnd);
      List<X509Certificate> trustedByNext = new ArrayList<>(List.of(next));
      trusted.stream().filter(r -> !r.equals(next)).forEach(trustedByNext::add);
      return new CertificateAuthority(pair.getPrivate(), List.of(), next, trustedByNext, List.of(crossCertificate),
          clock);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot create the new root CA", e);
    }
  }

  private static X500Name rootName(String name) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "cix").addRDN(BCStyle.CN, name).build();
  }

  private static X509Certificate rootCertificate(X500Name subject, PublicKey subjectKey, X500Name issuer,
      PrivateKey issuerKey, Instant notBefore, Instant notAfter) throws GeneralSecurityException, CertIOException {
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, CertificateSigning.serial(new SecureRandom()),
        Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
    builder.addExtension(Extension.subjectKeyIdentifier, false,
        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(subjectKey));
    CertificateSigning.addProfile(builder, CertificateProfile.CA, Optional.empty(), "");
    return CertificateSigning.sign(builder, issuerKey);
  }

  /** Loads the CA kept in {@code dir}; the message of any failure names the file. */
  public static CertificateAuthority load(Path dir, Clock clock) {
    Path keyFile = dir.resolve(KEY_FILE);
    Path certFile = dir.resolve(CERT_FILE);
    Path rootFile = dir.resolve(ROOT_FILE);
    if (!Files.isDirectory(dir)) {
      throw new KeyMaterialException(dir, "no such CA directory");
    }
    if (!Files.exists(keyFile)) {
      throw new KeyMaterialException(keyFile, "missing: " + dir + " holds no CA (a district node cannot issue)");
    }
    PemFiles.KeyAndChain pair = PemFiles.readKeyAndChain(keyFile, certFile);
    PrivateKey key = pair.key();
    List<X509Certificate> chain = pair.chain();
    List<X509Certificate> trusted = TrustedRoots.read(rootFile);
    boolean isRoot = trusted.contains(chain.get(0));
    List<X509Certificate> pathToRoot = isRoot ? List.of() : chain;
    X509Certificate root = isRoot ? chain.get(0)
        : TrustedRoots.issuerOf(last(TrustedRoots.pathBelow(chain, trusted), chain), trusted);
    Path crossFile = dir.resolve(CROSS_FILE);
    List<X509Certificate> cross = isRoot && Files.exists(crossFile) ? PemFiles.readCertificates(crossFile) : List.of();
    try {
      if (!pathToRoot.isEmpty()) {
        new ChainValidator(trusted, clock).validate(pathToRoot, CertificateProfile.CA);
      }
      return new CertificateAuthority(key, pathToRoot, root, trusted, cross, clock);
    } catch (java.security.cert.CertificateException e) {
      throw new KeyMaterialException(certFile, "not a valid CA certificate: " + e.getMessage(), e);
    }
  }

  private static X509Certificate last(List<X509Certificate> path, List<X509Certificate> chain) {
    return path.isEmpty() ? chain.get(0) : path.get(path.size() - 1);
  }

  /** Writes this CA into {@code dir} (which must exist). */
  public void writeTo(Path dir) {
    PemFiles.writePrivateKey(dir.resolve(KEY_FILE), key);
    PemFiles.writeCertificates(dir.resolve(CERT_FILE), chain());
    PemFiles.writeCertificates(dir.resolve(ROOT_FILE), trusted);
    if (!cross.isEmpty()) {
      PemFiles.writeCertificates(dir.resolve(CROSS_FILE), cross);
    }
  }

  public X509Certificate certificate() {
    return pathToRoot.isEmpty() ? root : pathToRoot.get(0);
  }

  /** The root this CA's own chain ends at. */
  public X509Certificate root() {
    return root;
  }

  /** The roots this CA's directory trusts: what a node it enrols writes to its {@code root.crt}. */
  public List<X509Certificate> trusted() {
    return trusted;
  }

  /** The cross certificate of a rotated root (its certificate signed by the root it replaces), if any. */
  public Optional<X509Certificate> crossCertificate() {
    return cross.stream().findFirst();
  }

  /** This CA's certificate and its issuers up to the root, root excluded (the root alone for the root). */
  public List<X509Certificate> chain() {
    return pathToRoot.isEmpty() ? List.of(root) : pathToRoot;
  }

  public String jurisdiction() {
    return identity.jurisdiction();
  }

  /**
   * Issues a certificate of {@code profile} for {@code nodeId} in {@code jurisdiction}, which
   * must lie inside this CA's jurisdiction, the id inside this CA's namespace ({@link NodeIdNamespace}).
   *
   * @return the issued certificate followed by this CA's path to the root (root excluded)
   */
  public List<X509Certificate> issue(
      CertificateProfile profile, String nodeId, String jurisdiction, PublicKey subjectKey, Duration validity) {
    if (!Jurisdictions.isWellFormed(jurisdiction)) {
      throw new IllegalArgumentException("malformed jurisdiction '" + jurisdiction + "'");
    }
    if (!Jurisdictions.contains(jurisdiction(), jurisdiction)) {
      throw new IllegalArgumentException("CA of jurisdiction " + Jurisdictions.describe(jurisdiction())
          + " cannot issue for jurisdiction " + Jurisdictions.describe(jurisdiction));
    }
    Optional<String> outside = NodeIdNamespace.refusal(identity, nodeId);
    if (outside.isPresent()) {
      throw new IllegalArgumentException(outside.get());
    }
    Instant now = clock.instant();
    return issueUnchecked(profile, nodeId, jurisdiction, subjectKey, now.minusSeconds(60), now.plus(validity));
  }

  /** Issues without the jurisdiction rule or a sane validity: only for tests that forge certificates. */
  List<X509Certificate> issueUnchecked(
      CertificateProfile profile, String nodeId, String jurisdiction, PublicKey subjectKey,
      Instant notBefore, Instant notAfter) {
    CertIdentity.requireValidNodeId(nodeId);
    X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "cix")
        .addRDN(BCStyle.OU, Jurisdictions.describe(jurisdiction))
        .addRDN(BCStyle.CN, switch (profile) {
          case CA -> nodeId + " CA";
          case FRONT_END -> nodeId + " front end";
          default -> nodeId;
        });
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          certificate(), CertificateSigning.serial(random), Date.from(notBefore), Date.from(notAfter), name.build(), subjectKey);
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          utils.createAuthorityKeyIdentifier(certificate().getPublicKey()));
      CertificateSigning.addProfile(builder, profile, Optional.of(nodeId), jurisdiction);
      List<X509Certificate> chain = new ArrayList<>();
      chain.add(CertificateSigning.sign(builder, key));
      chain.addAll(pathToRoot);
      chain.addAll(cross);
      return chain;
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue certificate for " + nodeId, e);
    }
  }

  /** A CA for a node, issued by this one, to be written into the node's directory. */
  public CertificateAuthority issueSubordinate(String nodeId, String jurisdiction, Duration validity) {
    KeyPair pair = KeyAlgorithm.EC_P256.generate(random);
    List<X509Certificate> chain = issue(CertificateProfile.CA, nodeId, jurisdiction, pair.getPublic(), validity);
    try {
      return new CertificateAuthority(pair.getPrivate(), chain, root, trusted, List.of(), clock);
    } catch (CertificateParsingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The next revocation list of this CA: every entry of {@code previous} (its last list, if any)
   * and {@code certificate}, numbered one above {@code previous}, signed now.
   *
   * @throws IllegalArgumentException when this CA did not issue {@code certificate}
   */
  public X509CRL revoke(Optional<X509CRL> previous, X509Certificate certificate, int reason) {
    return revoke(previous, certificate, reason, Optional.empty());
  }

  /**
   * The same, the entry stating {@code invalidSince}: the time the key is known or suspected to
   * have been compromised (RFC 5280 invalidity date), from which its seals prove nothing.
   */
  public X509CRL revoke(Optional<X509CRL> previous, X509Certificate certificate, int reason,
      Optional<Instant> invalidSince) {
    if (!certificate.getIssuerX500Principal().equals(certificate().getSubjectX500Principal())) {
      throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal() + " was issued by "
          + certificate.getIssuerX500Principal() + ", not by this CA (" + certificate().getSubjectX500Principal() + ")");
    }
    return CertificateSigning.revocationList(certificate(), key, clock.instant(), previous, Optional.of(certificate),
        reason, invalidSince);
  }

  /**
   * The next list of this CA with the entries of {@code previous} and no new one: signed now, due
   * again in a year, so that a CA with nothing new to revoke keeps its list from going overdue.
   */
  public X509CRL reissue(Optional<X509CRL> previous) {
    return CertificateSigning.revocationList(certificate(), key, clock.instant(), previous, Optional.empty(), 0,
        Optional.empty());
  }
}
