package org.cix.crypto.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.cix.crypto.keys.KeyPairs;
import org.cix.crypto.pem.KeyMaterialException;
import org.cix.crypto.pem.PemFiles;
import org.cix.crypto.pem.PrivateFiles;
import org.cix.crypto.pem.StagedDirectory;

/**
 * The answer to a renewal by request ({@link EnrolmentRequest#renewal}) put into the node's
 * directory: the CA's new certificate first (same key: what it issued stays valid; the old
 * certificate kept in {@value NodeKeyMaterial#SUPERSEDED_DIR}), then the new TLS and sealing pairs
 * as an online renewal puts them ({@link NodeKeyMaterial#renew}). Run again after a crash, it
 * finishes what is left. The node's trusted roots do not change: the answer must hold under them.
 */
final class RenewalByRequest {
  private RenewalByRequest() {}

  static NodeKeyMaterial accept(Path answer, Path node, Clock clock) {
    Path renewal = node.resolve(EnrolmentRequest.RENEWAL_DIR);
    NodeKeyMaterial keys = NodeKeyMaterial.load(node, clock);
    Path caAnswer = answer.resolve(CertificateAuthority.CERT_FILE);
    if (keys.canIssue() != Files.exists(caAnswer)) {
      throw new KeyMaterialException(answer, keys.canIssue() ? "holds no CA certificate, but node " + keys.nodeId()
          + " asked for one" : "holds a CA certificate node " + keys.nodeId() + " did not ask for");
    }
    if (keys.canIssue()) {
      replaceCaCertificate(node, PemFiles.readCertificates(caAnswer), keys, clock);
    }
    keys.renew(new NodeKeyMaterial.Pairs(
        PemFiles.readPrivateKey(renewal.resolve(NodeKeyMaterial.TLS_KEY)),
        PemFiles.readCertificates(answer.resolve(NodeKeyMaterial.TLS_CERT)),
        PemFiles.readPrivateKey(renewal.resolve(NodeKeyMaterial.SEAL_KEY)),
        PemFiles.readCertificates(answer.resolve(NodeKeyMaterial.SEAL_CERT))), clock);
    try {
      StagedDirectory.deleteRecursively(renewal);
    } catch (IOException e) {
      throw new KeyMaterialException(renewal, "renewed, but cannot remove the answered request: " + e.getMessage(), e);
    }
    return NodeKeyMaterial.load(node, clock);
  }

  private static void replaceCaCertificate(Path node, List<X509Certificate> chain, NodeKeyMaterial keys,
      Clock clock) {
    Path caFile = node.resolve(CertificateAuthority.CERT_FILE);
    List<X509Certificate> before = PemFiles.readCertificates(caFile);
    if (chain.isEmpty() || !KeyPairs.matches(PemFiles.readPrivateKey(node.resolve(CertificateAuthority.KEY_FILE)),
        chain.get(0).getPublicKey())) {
      throw new KeyMaterialException(caFile, "the answered CA certificate is not for this node's CA key");
    }
    if (chain.equals(before)) {
      return;
    }
    try {
      CertIdentity identity = keys.validator(clock).validate(chain, CertificateProfile.CA);
      if (!identity.nodeId().orElse("").equals(keys.nodeId()) || !identity.jurisdiction().equals(keys.jurisdiction())) {
        throw new KeyMaterialException(caFile, "the answered CA certificate names " + identity + ", not node "
            + keys.nodeId());
      }
    } catch (CertificateException e) {
      throw new KeyMaterialException(caFile, "the answered CA certificate does not hold: " + e.getMessage(), e);
    }
    try {
      Path superseded = node.resolve(NodeKeyMaterial.SUPERSEDED_DIR);
      PrivateFiles.createDirectory(superseded);
      Path kept = NodeKeyMaterial.supersededFile(node, CertificateAuthority.CERT_FILE, before.get(0));
      PemFiles.writeCertificates(kept, before);
      PemFiles.writeCertificates(caFile, chain);
    } catch (IOException e) {
      throw new KeyMaterialException(caFile, "cannot put the new CA certificate in place: " + e.getMessage(), e);
    }
  }
}
