package org.cix.federation.certificates;

import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.AuditLog;
import org.cix.core.error.CixException;
import org.cix.core.link.LinkPolicy;
import org.cix.core.node.NodeIdentity;
import org.cix.crypto.pki.CertIdentity;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.crypto.pki.CertificateRenewal;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.Fingerprints;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.federation.identity.PeerIdentity;
import org.cix.federation.link.LinkProtos;
import org.cix.federation.rpc.CallerBudget;
import org.cix.federation.rpc.StatusMapping;
import org.cix.proto.v1.CertificatesGrpc;
import org.cix.proto.v1.RenewAnswer;
import org.cix.proto.v1.RenewRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parent's side of renewal: a child this node issued asks for certificates of its new keys;
 * this node's CA answers for that child only, within its rules, and writes it to the audit log.
 * A node without a CA online (the national node, whose root is kept offline) refuses with the
 * way to renew instead.
 */
public final class CertificatesService extends CertificatesGrpc.CertificatesImplBase {
  private static final Logger log = LoggerFactory.getLogger(CertificatesService.class);
  /** How long renewed certificates are valid, at most: no longer than the issuing CA's own certificate. */
  public static final Duration RENEWED_FOR = Duration.ofDays(365);

  private final NodeIdentity self;
  private final NodeKeyMaterial keys;
  private final AuditLog audit;
  private final Clock clock;
  /** A few renewals a day per child: each one costs two signatures and writes the audit log. */
  private final CallerBudget budget;

  public CertificatesService(NodeIdentity self, NodeKeyMaterial keys, AuditLog audit, Clock clock) {
    this.self = self;
    this.keys = keys;
    this.audit = audit;
    this.clock = clock;
    this.budget = new CallerBudget(1.0 / 600, 3, clock);
  }

  @Override
  public void renew(RenewRequest request, StreamObserver<RenewAnswer> response) {
    NodeIdentity caller = PeerIdentity.current();
    try {
      LinkPolicy.requireParentOf(self, caller);
      LinkPolicy.requireIssuedBy(self, caller, PeerIdentity.issuer());
      Path dir = keys.directory().filter(d -> keys.canIssue()).orElseThrow(() -> CixException.preconditionFailed(
          "node " + self.nodeId() + " keeps no CA online (the national root is kept offline): renew node "
              + caller.nodeId() + " by request (cix node request, cix ca sign)"));
      CertificateAuthority ca = CertificateAuthority.load(dir, clock);
      Instant caEnds = ca.certificate().getNotAfter().toInstant();
      if (!request.getNewKeys() && !caEnds.isAfter(PeerIdentity.certifiedUntil())) {
        throw CixException.preconditionFailed("the CA of " + self.nodeId() + " that issued this node ends at "
            + caEnds + ", no later than this node's certificates: " + self.nodeId()
            + " renews its CA first (cix node renewal-request, cix ca sign at its parent)");
      }
      if (!budget.take(caller.nodeId())) {
        throw new CixException(CixException.Kind.RESOURCE_EXHAUSTED, "node " + caller.nodeId()
            + " renewed its certificates at " + self.nodeId() + " three times lately; ask again in ten minutes");
      }
      Instant now = clock.instant();
      Duration caLeft = Duration.between(now, ca.certificate().getNotAfter().toInstant());
      Duration validity = caLeft.compareTo(RENEWED_FOR) < 0 ? caLeft : RENEWED_FOR;
      CertificateRenewal.Issued issued;
      try {
        issued = CertificateRenewal.answer(ca, LinkProtos.bytes(request.getRequestsList()),
            new CertIdentity(Optional.of(caller.nodeId()), caller.jurisdiction().code()), validity);
      } catch (IllegalArgumentException e) {
        throw CixException.permissionDenied(e.getMessage());
      }
      X509Certificate tls = issued.tls().get(0);
      X509Certificate seal = issued.seal().get(0);
      String detail = "tls " + Fingerprints.sha256(tls) + ", seal " + Fingerprints.sha256(seal) + ", until "
          + tls.getNotAfter().toInstant();
      audit.append(new AuditEvent(now, caller.nodeId(), "certificate.renew", "", detail));
      log.info("renewed the certificates of node {}: {}", caller.nodeId(), detail);
      response.onNext(RenewAnswer.newBuilder()
          .addAllTlsChain(LinkProtos.byteStrings(DerChains.encode(issued.tls())))
          .addAllSealChain(LinkProtos.byteStrings(DerChains.encode(issued.seal())))
          .build());
      response.onCompleted();
    } catch (CixException e) {
      log.warn("refused to renew the certificates of node {}: {}", caller.nodeId(), e.getMessage());
      response.onError(StatusMapping.toStatus(e));
    } catch (RuntimeException e) {
      response.onError(StatusMapping.toStatus(e));
    }
  }
}
