package org.cix.cli.node;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.crypto.pem.PemFiles;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.crypto.pki.EnrolmentRequest;
import org.cix.crypto.pki.FrontEndKeys;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.federation.admin.AdminToken;
import org.cix.storage.StorageKey;

/** Creates a node directory: what `cix node init` does, shared with the demo. */
public final class NodeEnrolment {
  private NodeEnrolment() {}

  /** The result: the node's identity, its key material and who issued it. */
  public record Enrolled(NodeIdentity identity, NodeKeyMaterial keys, CertificateAuthority issuer, boolean canIssue) {}

  /**
   * @param allowCa give the node a CA for its children (only above district level)
   */
  public static Enrolled enrol(
      String nodeId, String jurisdictionCode, Path caDir, Path out, boolean allowCa, Duration validity, Clock clock) {
    NodeIdentity identity = new NodeIdentity(nodeId, Jurisdiction.parse(jurisdictionCode));
    CertificateAuthority issuer = CertificateAuthority.load(caDir, clock);
    boolean withCa = allowCa && identity.jurisdiction().code().length() < 6;
    NodeKeyMaterial keys = NodeKeyMaterial.enrol(issuer, nodeId, identity.jurisdiction().code(), withCa, validity,
        out, clock, NodeEnrolment::secrets);
    return new Enrolled(identity, keys, issuer, withCa);
  }

  /** The directory of a read front end of node {@code nodeId}, issued by the CA in {@code caDir}. */
  public static Enrolled enrolFrontEnd(String nodeId, String jurisdictionCode, Path caDir, Path out,
      Duration validity, Clock clock) {
    NodeIdentity identity = new NodeIdentity(nodeId, Jurisdiction.parse(jurisdictionCode));
    CertificateAuthority issuer = CertificateAuthority.load(caDir, clock);
    NodeKeyMaterial keys = FrontEndKeys.enrol(issuer, nodeId, identity.jurisdiction().code(), validity,
        out, clock, NodeEnrolment::adminToken);
    return new Enrolled(identity, keys, issuer, false);
  }

  /**
   * Starts a node directory by request (`cix node request`): keys, admin token and storage key made
   * here, and the request for the parent's CA; no certificate yet.
   *
   * @return whether the request asks for a CA (above district level, unless {@code allowCa} is off)
   */
  public static boolean request(String nodeId, String jurisdictionCode, Path out, boolean allowCa) {
    NodeIdentity identity = new NodeIdentity(nodeId, Jurisdiction.parse(jurisdictionCode));
    boolean withCa = allowCa && identity.jurisdiction().code().length() < 6;
    EnrolmentRequest.create(nodeId, identity.jurisdiction().code(), withCa, out, NodeEnrolment::secrets);
    return withCa;
  }

  /** Starts the directory of a read front end of node {@code nodeId} by request (`cix node request --front-end`). */
  public static void requestFrontEnd(String nodeId, String jurisdictionCode, Path out) {
    NodeIdentity identity = new NodeIdentity(nodeId, Jurisdiction.parse(jurisdictionCode));
    EnrolmentRequest.createFrontEnd(nodeId, identity.jurisdiction().code(), out,
        NodeEnrolment::adminToken);
  }

  /** A front end's own secret, made where it runs: its admin token. */
  private static void adminToken(Path staging) {
    PemFiles.writeSecret(staging.resolve(AdminToken.FILE), AdminToken.generate());
  }

  /** The node's own secrets, made where it runs: the admin token and the storage key. */
  private static void secrets(Path staging) {
    adminToken(staging);
    PemFiles.writeSecret(staging.resolve(StorageKey.FILE), StorageKey.generate());
  }
}
