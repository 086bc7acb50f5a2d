package org.cix.crypto.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.cix.crypto.keys.KeyAlgorithm;
import org.cix.crypto.pem.KeyMaterialException;
import org.cix.crypto.pem.PemFiles;
import org.cix.crypto.pem.PrivateFiles;
import org.cix.crypto.pem.StagedDirectory;

/**
 * A node's key material, as kept in its node directory: the national root it trusts, a TLS key
 * pair for mutual TLS and a separate sealing key pair (as X-Road separates authentication and
 * signing), and, for nodes that issue for their children, a CA ({@code ca.key}, {@code ca.crt}).
 */
public record NodeKeyMaterial(
    String nodeId,
    String jurisdiction,
    X509Certificate root,
    PrivateKey tlsKey,
    List<X509Certificate> tlsChain,
    PrivateKey sealKey,
    List<X509Certificate> sealChain,
    boolean canIssue,
    Revocations revocations) {
  public static final String TLS_KEY = "tls.key";
  public static final String TLS_CERT = "tls.crt";
  public static final String SEAL_KEY = "seal.key";
  public static final String SEAL_CERT = "seal.crt";

  public NodeKeyMaterial {
    tlsChain = List.copyOf(tlsChain);
    sealChain = List.copyOf(sealChain);
  }

  /**
   * Loads and checks a node directory: owner-only (0700), every file present and readable, private keys owner-only
   * and matching their certificates, both chains valid to the root now, one node identity.
   *
   * @throws KeyMaterialException naming the file at fault
   */
  public static NodeKeyMaterial load(Path dir, Clock clock) {
    if (!Files.isDirectory(dir)) {
      throw new KeyMaterialException(dir, "node directory missing (create it with: cix node init)");
    }
    PrivateFiles.requireOwnerOnly(dir);
    Path rootFile = dir.resolve(CertificateAuthority.ROOT_FILE);
    X509Certificate root = PemFiles.readCertificates(rootFile).get(0);
    ChainValidator validator = new ChainValidator(root, clock);
    Loaded tls = loadPair(dir.resolve(TLS_KEY), dir.resolve(TLS_CERT), validator, CertificateProfile.TLS);
    Loaded seal = loadPair(dir.resolve(SEAL_KEY), dir.resolve(SEAL_CERT), validator, CertificateProfile.SEAL);
    if (!tls.identity.equals(seal.identity)) {
      throw new KeyMaterialException(dir.resolve(SEAL_CERT), "names " + seal.identity
          + " but " + dir.resolve(TLS_CERT) + " names " + tls.identity);
    }
    boolean canIssue = Files.exists(dir.resolve(CertificateAuthority.KEY_FILE));
    if (canIssue) {
      CertificateAuthority.load(dir, clock);
    }
    return new NodeKeyMaterial(tls.identity.nodeId().orElseThrow(), tls.identity.jurisdiction(), root,
        tls.key, tls.chain, seal.key, seal.chain, canIssue, new Revocations());
  }

  private record Loaded(PrivateKey key, List<X509Certificate> chain, CertIdentity identity) {}

  private static Loaded loadPair(Path keyFile, Path certFile, ChainValidator validator, CertificateProfile profile) {
    PemFiles.KeyAndChain pair = PemFiles.readKeyAndChain(keyFile, certFile);
    try {
      return new Loaded(pair.key(), pair.chain(), validator.validate(pair.chain(), profile));
    } catch (CertificateException e) {
      throw new KeyMaterialException(certFile, e.getMessage(), e);
    }
  }

  /**
   * Creates a node directory at {@code out}: keys generated here, certificates issued by
   * {@code issuer}, plus whatever {@code alsoWrite} puts beside them (the admin token). Files
   * appear all at once (see {@link StagedDirectory}).
   */
  public static NodeKeyMaterial enrol(
      CertificateAuthority issuer, String nodeId, String jurisdiction, boolean withCa, Duration validity,
      Path out, Clock clock, Consumer<Path> alsoWrite) {
    StagedDirectory.create(out, staging -> {
      SecureRandom random = new SecureRandom();
      KeyPair tls = KeyAlgorithm.EC_P256.generate(random);
      KeyPair seal = KeyAlgorithm.ED25519.generate(random);
      PemFiles.writePrivateKey(staging.resolve(TLS_KEY), tls.getPrivate());
      PemFiles.writeCertificates(staging.resolve(TLS_CERT),
          issuer.issue(CertificateProfile.TLS, nodeId, jurisdiction, tls.getPublic(), validity));
      PemFiles.writePrivateKey(staging.resolve(SEAL_KEY), seal.getPrivate());
      PemFiles.writeCertificates(staging.resolve(SEAL_CERT),
          issuer.issue(CertificateProfile.SEAL, nodeId, jurisdiction, seal.getPublic(), validity));
      PemFiles.writeCertificates(staging.resolve(CertificateAuthority.ROOT_FILE), List.of(issuer.root()));
      if (withCa) {
        issuer.issueSubordinate(nodeId, jurisdiction, validity).writeTo(staging);
      }
      alsoWrite.accept(staging);
    });
    return load(out, clock);
  }

  /**
   * Validates chains to this node's root, refusing what the revocation lists this node holds
   * name (the same lists for every validator of the node: TLS, seals, packages).
   */
  public ChainValidator validator(Clock clock) {
    return new ChainValidator(root, clock, revocations);
  }
}
