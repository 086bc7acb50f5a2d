package org.cix.crypto.pki;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cix.crypto.keys.KeyAlgorithm;

/**
 * A throw-away PKI for tests: a national root and nodes issued under it, written to a temporary
 * directory, plus certificates no honest CA would issue (expired, outside the issuer's
 * jurisdiction, from a foreign root).
 */
public final class TestPki {
  public static final Duration VALIDITY = Duration.ofDays(30);
  private final Path dir;
  private final Clock clock;
  private final CertificateAuthority root;

  private TestPki(Path dir, Clock clock, CertificateAuthority root) {
    this.dir = dir;
    this.clock = clock;
    this.root = root;
  }

  public static TestPki create(Path dir) {
    Clock clock = Clock.systemUTC();
    CertificateAuthority root = CertificateAuthority.createRoot("Test National Root", Duration.ofDays(365), clock);
    root.writeTo(createDirectories(dir.resolve("root")));
    return new TestPki(dir, clock, root);
  }

  public CertificateAuthority root() {
    return root;
  }

  public Path rootDir() {
    return dir.resolve("root");
  }

  public Clock clock() {
    return clock;
  }

  public Path dirOf(String nodeId) {
    return dir.resolve(nodeId);
  }

  /** A node issued by the root; CA-capable unless it is a district. */
  public NodeKeyMaterial node(String nodeId, String jurisdiction) {
    return node(root, nodeId, jurisdiction);
  }

  /** A node issued by {@code issuer}; CA-capable unless it is a district. */
  public NodeKeyMaterial node(CertificateAuthority issuer, String nodeId, String jurisdiction) {
    return NodeKeyMaterial.enrol(
        issuer, nodeId, jurisdiction, jurisdiction.length() < 6, VALIDITY, dirOf(nodeId), clock, staging -> {});
  }

  /** The issuing CA of a node created by {@link #node}. */
  public CertificateAuthority caOf(String nodeId) {
    return CertificateAuthority.load(dirOf(nodeId), clock);
  }

  /** A node whose TLS certificate expired yesterday (kept in memory only). */
  public NodeKeyMaterial expiredNode(CertificateAuthority issuer, String nodeId, String jurisdiction) {
    Instant now = clock.instant();
    return forged(issuer, nodeId, jurisdiction, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
  }

  /** A node issued by {@code issuer} outside its jurisdiction, as a rogue CA would (in memory only). */
  public NodeKeyMaterial outsideJurisdiction(CertificateAuthority issuer, String nodeId, String jurisdiction) {
    Instant now = clock.instant();
    return forged(issuer, nodeId, jurisdiction, now.minusSeconds(60), now.plus(VALIDITY));
  }

  /** A node of another federation: a valid-looking chain under a root nobody here trusts. */
  public static NodeKeyMaterial foreignNode(String nodeId, String jurisdiction) {
    Clock clock = Clock.systemUTC();
    CertificateAuthority foreign = CertificateAuthority.createRoot("Foreign Root", Duration.ofDays(365), clock);
    Instant now = clock.instant();
    return forged(foreign, nodeId, jurisdiction, now.minusSeconds(60), now.plus(VALIDITY));
  }

  private static NodeKeyMaterial forged(
      CertificateAuthority issuer, String nodeId, String jurisdiction, Instant notBefore, Instant notAfter) {
    SecureRandom random = new SecureRandom();
    KeyPair tls = KeyAlgorithm.EC_P256.generate(random);
    KeyPair seal = KeyAlgorithm.ED25519.generate(random);
    List<X509Certificate> tlsChain = issuer.issueUnchecked(
        CertificateProfile.TLS, nodeId, jurisdiction, tls.getPublic(), notBefore, notAfter);
    List<X509Certificate> sealChain = issuer.issueUnchecked(
        CertificateProfile.SEAL, nodeId, jurisdiction, seal.getPublic(), notBefore, notAfter);
    return new NodeKeyMaterial(nodeId, jurisdiction, issuer.root(), tls.getPrivate(), tlsChain,
        seal.getPrivate(), sealChain, false, new Revocations());
  }

  private static Path createDirectories(Path path) {
    try {
      return java.nio.file.Files.createDirectories(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
