package org.cix.federation.admin;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cix.proto.v1.AuditAdminGrpc;
import org.cix.proto.v1.AuditEntries;
import org.cix.proto.v1.AuditReport;
import org.cix.proto.v1.CertificateAdminGrpc;
import org.cix.proto.v1.CertificatesRenewed;
import org.cix.proto.v1.ListAuditRequest;
import org.cix.proto.v1.ListRevocationsRequest;
import org.cix.proto.v1.PublishRevocationsRequest;
import org.cix.proto.v1.RenewNowRequest;
import org.cix.proto.v1.ResealRequest;
import org.cix.proto.v1.Resealed;
import org.cix.proto.v1.RevocationAdminGrpc;
import org.cix.proto.v1.RevocationLists;
import org.cix.proto.v1.RevocationsPublished;
import org.cix.proto.v1.VerifyAuditRequest;

/** What makes the node's word trusted, from the CLI: its certificates, the revocations it holds, its audit log. */
public final class TrustClient {
  /** A reseal goes through every current record the node made; it gets at least an hour. */
  private static final Duration RESEAL = Duration.ofHours(1);

  private final AdminCalls calls;
  private final CertificateAdminGrpc.CertificateAdminBlockingStub certificates;
  private final RevocationAdminGrpc.RevocationAdminBlockingStub revocations;
  private final AuditAdminGrpc.AuditAdminBlockingStub audit;

  TrustClient(Channel channel, AdminCalls calls) {
    this.calls = calls;
    this.certificates = CertificateAdminGrpc.newBlockingStub(channel);
    this.revocations = RevocationAdminGrpc.newBlockingStub(channel);
    this.audit = AuditAdminGrpc.newBlockingStub(channel);
  }

  /** Renews the node's certificates now over the link to its parent (which may take the parent's deadline). */
  public CertificatesRenewed renewCertificates() {
    return renewCertificates(false);
  }

  /** The same; with {@code newKeys}, new keys even when the parent cannot extend the certificates. */
  public CertificatesRenewed renewCertificates(boolean newKeys) {
    return calls.call(certificates, s -> s.renewNow(RenewNowRequest.newBuilder().setNewKeys(newKeys).build()));
  }

  /**
   * Reseals the node's own current records not sealed under its sealing certificate in force
   * (those sealed at or after {@code sealedSince}, when given); may take long on a large node.
   */
  public Resealed reseal(Optional<Instant> sealedSince, String by) {
    return calls.call(certificates, RESEAL, s -> s.reseal(ResealRequest.newBuilder()
        .setSealedSinceMillis(sealedSince.map(Instant::toEpochMilli).orElse(0L)).setBy(by).build()));
  }

  public RevocationsPublished publishRevocations(byte[] crl, List<byte[]> issuerChain) {
    PublishRevocationsRequest.Builder request = PublishRevocationsRequest.newBuilder()
        .setCrl(ByteString.copyFrom(crl));
    issuerChain.forEach(der -> request.addIssuerChain(ByteString.copyFrom(der)));
    return calls.call(revocations, s -> s.publishRevocations(request.build()));
  }

  public RevocationLists listRevocations() {
    return calls.call(revocations, s -> s.listRevocations(ListRevocationsRequest.getDefaultInstance()));
  }

  public AuditReport verifyAudit() {
    return calls.call(audit, s -> s.verifyAudit(VerifyAuditRequest.getDefaultInstance()));
  }

  public AuditEntries listAudit(int limit) {
    return calls.call(audit, s -> s.listAudit(ListAuditRequest.newBuilder().setLimit(limit).build()));
  }
}
