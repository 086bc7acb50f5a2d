package org.cix.crypto.pki;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.cix.crypto.pem.KeyMaterialException;
import org.cix.crypto.pem.PemFiles;
import org.cix.crypto.pem.PrivateFiles;

/**
 * The national roots a node trusts, as kept in its {@code root.crt}: one root, or during a root
 * rotation two (the old and the new). A root is added only on the word of a root already trusted
 * (its certificate cross-signed by that root, see {@link CertificateAuthority#rotate}), and removed
 * only while another one remains.
 */
public final class TrustedRoots {
  private TrustedRoots() {}

  /**
   * Reads {@code rootFile}: one or more self-signed, national CA certificates of distinct names.
   *
   * @throws KeyMaterialException naming the file and what is wrong with it
   */
  public static List<X509Certificate> read(Path rootFile) {
    List<X509Certificate> roots = PemFiles.readCertificates(rootFile);
    List<String> names = new ArrayList<>();
    for (X509Certificate root : roots) {
      String problem = problem(root);
      if (!problem.isEmpty()) {
        throw new KeyMaterialException(rootFile, root.getSubjectX500Principal() + " " + problem);
      }
      String name = root.getSubjectX500Principal().getName();
      if (names.contains(name)) {
        throw new KeyMaterialException(rootFile, "two roots named " + name + ": a new root needs a name of its own");
      }
      names.add(name);
    }
    return roots;
  }

  /**
   * Adds {@code newRoot} to {@code rootFile} when {@code cross} (the new root's certificate signed
   * by a root the file holds) proves a trusted root vouches for it; nothing changes when it is
   * already trusted.
   *
   * @return the roots trusted now
   * @throws KeyMaterialException saying why the new root is not taken
   */
  public static List<X509Certificate> add(Path rootFile, X509Certificate newRoot, X509Certificate cross) {
    List<X509Certificate> roots = read(rootFile);
    if (roots.contains(newRoot)) {
      return roots;
    }
    String problem = problem(newRoot);
    if (!problem.isEmpty()) {
      throw new KeyMaterialException(rootFile, "the new root " + problem);
    }
    if (!cross.getPublicKey().equals(newRoot.getPublicKey())
        || !cross.getSubjectX500Principal().equals(newRoot.getSubjectX500Principal())) {
      throw new KeyMaterialException(rootFile, "the cross certificate is not for the new root "
          + newRoot.getSubjectX500Principal() + " (it names " + cross.getSubjectX500Principal() + ")");
    }
    if (roots.stream().noneMatch(root -> signs(root, cross))) {
      throw new KeyMaterialException(rootFile, "the cross certificate of " + newRoot.getSubjectX500Principal()
          + " is not signed by a root this node trusts");
    }
    try {
      cross.checkValidity();
    } catch (java.security.cert.CertificateException e) {
      throw new KeyMaterialException(rootFile, "the cross certificate is not valid now: " + e.getMessage(), e);
    }
    List<X509Certificate> next = new ArrayList<>(roots);
    next.add(newRoot);
    PemFiles.writeCertificates(rootFile, next);
    read(rootFile);
    return List.copyOf(next);
  }

  /**
   * Removes the root of SHA-256 fingerprint {@code fingerprint} from {@code rootFile}, which must
   * keep at least one.
   *
   * @return the removed root
   */
  public static X509Certificate remove(Path rootFile, String fingerprint) {
    List<X509Certificate> roots = new ArrayList<>(read(rootFile));
    X509Certificate removed = roots.stream()
        .filter(root -> Fingerprints.sha256(root).replace(":", "").equalsIgnoreCase(fingerprint.replace(":", "")))
        .findFirst()
        .orElseThrow(() -> new KeyMaterialException(rootFile, "holds no root of fingerprint " + fingerprint));
    roots.remove(removed);
    if (roots.isEmpty()) {
      throw new KeyMaterialException(rootFile, "would hold no root: add the new root before removing the old one");
    }
    PemFiles.writeCertificates(rootFile, roots);
    return removed;
  }

  /**
   * {@code chain} up to, not including, the first certificate of a trusted root's key: the root
   * itself, or its cross certificate signed by another root, needless where the root is trusted.
   */
  static List<X509Certificate> pathBelow(List<X509Certificate> chain, List<X509Certificate> roots) {
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate certificate = chain.get(i);
      boolean trusted = roots.stream().anyMatch(root -> root.getPublicKey().equals(certificate.getPublicKey())
          && root.getSubjectX500Principal().equals(certificate.getSubjectX500Principal()));
      if (trusted) {
        return List.copyOf(chain.subList(0, i));
      }
    }
    return List.copyOf(chain);
  }

  /** The trusted root that names itself as {@code certificate}'s issuer; the first root when none does. */
  static X509Certificate issuerOf(X509Certificate certificate, List<X509Certificate> roots) {
    return roots.stream()
        .filter(root -> root.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
        .findFirst()
        .orElse(roots.get(0));
  }

  private static String problem(X509Certificate root) {
    if (!root.getSubjectX500Principal().equals(root.getIssuerX500Principal()) || !signs(root, root)) {
      return "is not a self-signed root";
    }
    try {
      if (root.getBasicConstraints() < 0 || !CertIdentity.of(root).jurisdiction().isEmpty()) {
        return "is not a national root CA";
      }
    } catch (java.security.cert.CertificateParsingException e) {
      return "is unreadable: " + e.getMessage();
    }
    return "";
  }

  private static boolean signs(X509Certificate issuer, X509Certificate certificate) {
    try {
      certificate.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * Makes the node of directory {@code dir} trust {@code newRoot} as well, on the word of a root it
   * trusts ({@code cross}, see {@link #add}); the node takes it at its next start.
   *
   * @return the roots trusted now
   */
  public static List<X509Certificate> trustInNode(Path dir, X509Certificate newRoot, X509Certificate cross) {
    PrivateFiles.requireOwnerOnly(dir);
    return add(dir.resolve(CertificateAuthority.ROOT_FILE), newRoot, cross);
  }

  /**
   * Makes the node of directory {@code dir} stop trusting the root of SHA-256 fingerprint
   * {@code fingerprint}; refused, nothing changed, while the node's own certificates or CA hold
   * only under that root.
   *
   * @return the root no longer trusted
   */
  public static X509Certificate retireInNode(Path dir, String fingerprint, Clock clock) {
    Path rootFile = dir.resolve(CertificateAuthority.ROOT_FILE);
    List<X509Certificate> before = read(rootFile);
    X509Certificate removed = remove(rootFile, fingerprint);
    try {
      NodeKeyMaterial.load(dir, clock);
    } catch (KeyMaterialException e) {
      PemFiles.writeCertificates(rootFile, before);
      throw new KeyMaterialException(rootFile, "still needed: " + e.getMessage()
          + " (renew this node's certificates under the new root first)", e);
    }
    return removed;
  }
}
