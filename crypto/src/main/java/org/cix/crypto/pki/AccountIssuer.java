package org.cix.crypto.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.cix.crypto.keys.KeyAlgorithm;
import org.bouncycastle.util.IPAddress;
import org.cix.crypto.pem.PemFiles;
import org.cix.crypto.pem.PrivateFiles;

/**
 * The CA of one node's department API: a key of the node's own, kept in its directory
 * ({@value #DIR}/), that issues the client certificates of departmental systems and the server
 * certificate of the API (for the host names departments dial), and nothing else. It is not part
 * of the federation's PKI: only this node's department API and its clients trust it (clients are
 * given its certificate with their accounts), and a client certificate it issued proves the
 * account's name and nothing more (the account's department,
 * roles, expiry and revocation are the node's account table's word, asked at every call).
 */
public final class AccountIssuer {
  public static final String DIR = "accounts";
  /** The department API's server key and certificate of a process that holds the CA's certificate only. */
  public static final String SERVER_KEY = "server.key";
  public static final String SERVER_CERT = "server.crt";
  private static final Duration VALIDITY = Duration.ofDays(3650);

  private final PrivateKey key;
  private final X509Certificate certificate;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private AccountIssuer(PrivateKey key, X509Certificate certificate, Clock clock) {
    this.key = key;
    this.certificate = certificate;
    this.clock = clock;
  }

  /**
   * The issuer kept in {@code nodeDir}/{@value #DIR}, created there (owner-only) on first use; with
   * the certificate alone there (a read front end's directory), one that verifies and issues nothing.
   */
  public static synchronized AccountIssuer loadOrCreate(Path nodeDir, String nodeId, Clock clock) {
    Path dir = nodeDir.resolve(DIR);
    Path keyFile = dir.resolve(CertificateAuthority.KEY_FILE);
    Path certFile = dir.resolve(CertificateAuthority.CERT_FILE);
    if (Files.exists(keyFile)) {
      PemFiles.KeyAndChain pair = PemFiles.readKeyAndChain(keyFile, certFile);
      return new AccountIssuer(pair.key(), pair.chain().get(0), clock);
    }
    if (Files.exists(certFile)) {
      return new AccountIssuer(null, PemFiles.readCertificates(certFile).get(0), clock);
    }
    AccountIssuer created = create(nodeId, clock);
    try {
      PrivateFiles.createDirectory(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + dir, e);
    }
    PemFiles.writePrivateKey(keyFile, created.key);
    PemFiles.writeCertificates(certFile, List.of(created.certificate));
    return created;
  }

  /** A new issuer held in memory only (tests). */
  public static AccountIssuer create(String nodeId, Clock clock) {
    KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    Instant now = clock.instant();
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "cix")
        .addRDN(BCStyle.CN, "accounts of " + nodeId).build();
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
          CertificateSigning.serial(new SecureRandom()), Date.from(now.minusSeconds(60)), Date.from(now.plus(VALIDITY)),
          name, pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
      return new AccountIssuer(pair.getPrivate(), CertificateSigning.sign(builder, pair.getPrivate()), clock);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot create the account CA", e);
    }
  }

  /** The certificate the department API trusts for client certificates. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** False for the certificate alone (a read front end's): it verifies accounts and issues nothing. */
  public boolean canIssue() {
    return key != null;
  }

  private void requireKey() {
    if (key == null) {
      throw new IllegalStateException("this process holds the account CA's certificate only (a read front end): "
          + "accounts and certificates are issued by the node's writer");
    }
  }

  /**
   * Writes to the new directory {@code out} what a read front end's department API needs instead
   * of this CA: its certificate ({@code ca.crt}), and a server key made here with its certificate
   * for {@code hosts} ({@value #SERVER_KEY}, {@value #SERVER_CERT}); owner-only, all at once.
   */
  public void writeServerFiles(List<String> hosts, Instant until, Path out) {
    KeyPair pair = KeyAlgorithm.EC_P256.generate(random);
    X509Certificate server = issueServer(hosts, pair.getPublic(), until);
    org.cix.crypto.pem.StagedDirectory.create(out, staging -> {
      PemFiles.writeCertificates(staging.resolve(CertificateAuthority.CERT_FILE), List.of(certificate));
      PemFiles.writePrivateKey(staging.resolve(SERVER_KEY), pair.getPrivate());
      PemFiles.writeCertificates(staging.resolve(SERVER_CERT), List.of(server, certificate));
    });
  }

  /** The server key and certificate {@link #writeServerFiles} wrote into {@code nodeDir}/{@value #DIR}, if there. */
  public static Optional<PemFiles.KeyAndChain> serverFiles(Path nodeDir) {
    Path dir = nodeDir.resolve(DIR);
    return Files.exists(dir.resolve(SERVER_KEY))
        ? Optional.of(PemFiles.readKeyAndChain(dir.resolve(SERVER_KEY), dir.resolve(SERVER_CERT)))
        : Optional.empty();
  }

  /**
   * The department API's server certificate for {@code hosts} (DNS names or IP addresses), valid
   * until {@code until}, for {@code subjectKey}.
   */
  public X509Certificate issueServer(List<String> hosts, PublicKey subjectKey, Instant until) {
    requireKey();
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "cix")
        .addRDN(BCStyle.CN, "department API").build();
    GeneralName[] names = hosts.stream().map(host -> new GeneralName(
        IPAddress.isValid(host) ? GeneralName.iPAddress : GeneralName.dNSName, host)).toArray(GeneralName[]::new);
    try {
      return leaf(name, subjectKey, until, KeyPurposeId.id_kp_serverAuth, Optional.of(new GeneralNames(names)));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue the department API's certificate", e);
    }
  }

  /**
   * A client certificate for account {@code account} of department {@code department} (USCC),
   * valid until {@code until}, for {@code subjectKey} (the key stays with whoever asked).
   */
  public X509Certificate issue(String account, String department, PublicKey subjectKey, Instant until) {
    requireKey();
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "cix")
        .addRDN(BCStyle.OU, department).addRDN(BCStyle.CN, account).build();
    try {
      return leaf(name, subjectKey, until, KeyPurposeId.id_kp_clientAuth, Optional.empty());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue the certificate of account " + account, e);
    }
  }

  /** An end-entity certificate this issuer signs: for signatures only, for {@code purpose}, from a minute ago. */
  private X509Certificate leaf(X500Name name, PublicKey subjectKey, Instant until, KeyPurposeId purpose,
      Optional<GeneralNames> altNames) throws GeneralSecurityException, CertIOException {
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, CertificateSigning.serial(random),
        Date.from(clock.instant().minusSeconds(60)), Date.from(until), name, subjectKey);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    if (altNames.isPresent()) {
      builder.addExtension(Extension.subjectAlternativeName, false, altNames.get());
    }
    builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
    builder.addExtension(Extension.authorityKeyIdentifier, false,
        utils.createAuthorityKeyIdentifier(certificate.getPublicKey()));
    return CertificateSigning.sign(builder, key);
  }
}
