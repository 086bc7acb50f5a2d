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
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.cix.crypto.keys.KeyAlgorithm;
import org.cix.crypto.keys.KeyPairs;
import org.cix.crypto.pem.KeyMaterialException;
import org.cix.crypto.pem.PemFiles;
import org.cix.crypto.pem.PrivateFiles;
import org.cix.crypto.pem.StagedDirectory;

/**
 * A node's key material, as kept in its node directory: the national root it trusts, a TLS key
 * pair for mutual TLS and a separate sealing key pair (as X-Road separates authentication and
 * signing), and, for nodes that issue for their children, a CA ({@code ca.key}, {@code ca.crt}).
 *
 * <p>The TLS and sealing pairs are renewed while the node runs ({@link #renew}): whoever signs or
 * presents a certificate takes {@link #current()} once and uses that one snapshot, so a key never
 * goes out with the other pair's certificate.
 */
public final class NodeKeyMaterial {
  public static final String TLS_KEY = "tls.key";
  public static final String TLS_CERT = "tls.crt";
  public static final String SEAL_KEY = "seal.key";
  public static final String SEAL_CERT = "seal.crt";
  /** A renewal written but not yet moved into place: finished at the next load. */
  static final String RENEWAL_DIR = "renewal";
  /** Where renewal keeps the certificates it replaced, for the operator to revoke as superseded. */
  public static final String SUPERSEDED_DIR = "superseded";

  /**
   * A TLS and a sealing key with their certificate chains: what a renewal replaces. A read front
   * end's have no sealing key (null, and an empty chain).
   */
  public record Pairs(PrivateKey tlsKey, List<X509Certificate> tlsChain, PrivateKey sealKey,
      List<X509Certificate> sealChain) {
    public Pairs {
      tlsChain = List.copyOf(tlsChain);
      sealChain = List.copyOf(sealChain);
    }
  }

  private final String nodeId;
  private final String jurisdiction;
  private final List<X509Certificate> roots;
  private final boolean canIssue;
  private final Revocations revocations;
  private final Optional<Path> directory;
  private final List<Runnable> renewalListeners = new CopyOnWriteArrayList<>();
  private volatile Pairs current;

  /** Key material held in memory only (tests, benchmarks): a renewal is not written anywhere. */
  public NodeKeyMaterial(String nodeId, String jurisdiction, X509Certificate root, PrivateKey tlsKey,
      List<X509Certificate> tlsChain, PrivateKey sealKey, List<X509Certificate> sealChain, boolean canIssue,
      Revocations revocations) {
    this(nodeId, jurisdiction, List.of(root), new Pairs(tlsKey, tlsChain, sealKey, sealChain), canIssue, revocations,
        Optional.empty());
  }

  private NodeKeyMaterial(String nodeId, String jurisdiction, List<X509Certificate> roots, Pairs current,
      boolean canIssue, Revocations revocations, Optional<Path> directory) {
    this.nodeId = nodeId;
    this.jurisdiction = jurisdiction;
    this.roots = List.copyOf(roots);
    this.current = current;
    this.canIssue = canIssue;
    this.revocations = revocations;
    this.directory = directory;
  }

  public String nodeId() {
    return nodeId;
  }

  public String jurisdiction() {
    return jurisdiction;
  }

  /** The first root of {@code root.crt}: the one this node's certificates were issued under. */
  public X509Certificate root() {
    return roots.get(0);
  }

  /** Every root this node trusts: one, or during a root rotation the old and the new ({@link TrustedRoots}). */
  public List<X509Certificate> roots() {
    return roots;
  }

  /** The TLS and sealing pairs in force now, as one snapshot. */
  public Pairs current() {
    return current;
  }

  public PrivateKey tlsKey() {
    return current.tlsKey();
  }

  public List<X509Certificate> tlsChain() {
    return current.tlsChain();
  }

  /** The sealing key; a read front end has none ({@link #frontEnd()}). */
  public PrivateKey sealKey() {
    requireSealing();
    return current.sealKey();
  }

  public List<X509Certificate> sealChain() {
    requireSealing();
    return current.sealChain();
  }

  /**
   * True for a read front end's key material: a TLS certificate marked as a front end's
   * ({@link CertificateProfile#FRONT_END}) and no sealing key.
   */
  public boolean frontEnd() {
    return current.sealKey() == null;
  }

  private void requireSealing() {
    if (frontEnd()) {
      throw new IllegalStateException("this is a read front end of node " + nodeId + ": it holds no sealing key "
          + "(seals, bundles and packages are signed by the node's writer)");
    }
  }

  /** True when the node directory holds a CA of its own ({@code ca.key}): the node issues for its children. */
  public boolean canIssue() {
    return canIssue;
  }

  /** The revocation lists this node holds, shared by every validator of the node. */
  public Revocations revocations() {
    return revocations;
  }

  /** The node directory these keys were loaded from; empty for key material made in memory. */
  public Optional<Path> directory() {
    return directory;
  }

  /** {@code listener} runs after each renewal, once the new pairs are in force. */
  public void onRenewal(Runnable listener) {
    renewalListeners.add(listener);
  }

  /**
   * Puts new TLS and sealing pairs in force: each key must match its certificate, both chains
   * must name this node and hold under the root now. When the keys came from a node directory the
   * new files are written there first (all at once: a crash leaves the old pairs or the new, see
   * {@link #load}), and the certificates they replace are kept in {@value #SUPERSEDED_DIR}.
   *
   * @throws KeyMaterialException when the pairs do not hold, or cannot be written
   */
  public synchronized void renew(Pairs next, Clock clock) {
    ChainValidator validator = new ChainValidator(roots, clock);
    Path where = directory.orElse(Path.of(nodeId));
    CertIdentity tls = check(where.resolve(TLS_CERT), next.tlsKey(), next.tlsChain(), validator,
        CertificateProfile.TLS);
    CertIdentity seal = check(where.resolve(SEAL_CERT), next.sealKey(), next.sealChain(), validator,
        CertificateProfile.SEAL);
    for (CertIdentity identity : List.of(tls, seal)) {
      if (!identity.nodeId().orElse("").equals(nodeId) || !identity.jurisdiction().equals(jurisdiction)) {
        throw new KeyMaterialException(where, "the renewed certificates name node " + identity.nodeId().orElse("(none)")
            + " of jurisdiction " + Jurisdictions.describe(identity.jurisdiction()) + ", not node " + nodeId
            + " of jurisdiction " + Jurisdictions.describe(jurisdiction));
      }
    }
    Pairs previous = current;
    directory.ifPresent(dir -> RenewalFiles.write(dir, next, previous));
    current = next;
    renewalListeners.forEach(Runnable::run);
  }

  private static CertIdentity check(Path file, PrivateKey key, List<X509Certificate> chain, ChainValidator validator,
      CertificateProfile profile) {
    if (chain.isEmpty() || !KeyPairs.matches(key, chain.get(0).getPublicKey())) {
      throw new KeyMaterialException(file, "the renewed key does not match its certificate");
    }
    try {
      return validator.validate(chain, profile);
    } catch (CertificateException e) {
      throw new KeyMaterialException(file, "the renewed certificate does not hold: " + e.getMessage(), e);
    }
  }

  /** Where a renewal keeps a certificate it replaced ({@code file}: {@value #TLS_CERT} or {@value #SEAL_CERT}). */
  public static Path supersededFile(Path dir, String file, X509Certificate certificate) {
    return dir.resolve(SUPERSEDED_DIR).resolve(file.replace(".crt", "") + "-"
        + certificate.getSerialNumber().toString(16) + ".crt");
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
    RenewalFiles.finish(dir);
    List<X509Certificate> roots = TrustedRoots.read(dir.resolve(CertificateAuthority.ROOT_FILE));
    ChainValidator validator = new ChainValidator(roots, clock);
    if (!Files.exists(dir.resolve(SEAL_KEY)) && Files.exists(dir.resolve(TLS_CERT))
        && CertIdentity.isFrontEnd(PemFiles.readCertificates(dir.resolve(TLS_CERT)).get(0))) {
      Loaded tls = loadPair(dir.resolve(TLS_KEY), dir.resolve(TLS_CERT), validator, CertificateProfile.FRONT_END);
      return new NodeKeyMaterial(tls.identity.nodeId().orElseThrow(), tls.identity.jurisdiction(), roots,
          new Pairs(tls.key, tls.chain, null, List.of()), false, new Revocations(), Optional.of(dir));
    }
    Loaded tls = loadPair(dir.resolve(TLS_KEY), dir.resolve(TLS_CERT), validator, CertificateProfile.TLS);
    if (CertIdentity.isFrontEnd(tls.chain.get(0))) {
      throw new KeyMaterialException(dir.resolve(TLS_CERT), "is a read front end's certificate, but the directory "
          + "holds a sealing key too: a front end's directory holds its TLS key and certificate only");
    }
    Loaded seal = loadPair(dir.resolve(SEAL_KEY), dir.resolve(SEAL_CERT), validator, CertificateProfile.SEAL);
    if (!tls.identity.equals(seal.identity)) {
      throw new KeyMaterialException(dir.resolve(SEAL_CERT), "names " + seal.identity
          + " but " + dir.resolve(TLS_CERT) + " names " + tls.identity);
    }
    boolean canIssue = Files.exists(dir.resolve(CertificateAuthority.KEY_FILE));
    if (canIssue) {
      CertificateAuthority.load(dir, clock);
    }
    return new NodeKeyMaterial(tls.identity.nodeId().orElseThrow(), tls.identity.jurisdiction(), roots,
        new Pairs(tls.key, tls.chain, seal.key, seal.chain), canIssue, new Revocations(), Optional.of(dir));
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
      PemFiles.writeCertificates(staging.resolve(CertificateAuthority.ROOT_FILE), issuer.trusted());
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
    return new ChainValidator(roots, clock, revocations);
  }
}
