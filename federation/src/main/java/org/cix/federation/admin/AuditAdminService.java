package org.cix.federation.admin;

import io.grpc.stub.StreamObserver;
import org.cix.core.audit.AuditChain;
import org.cix.core.audit.CountersignedHead;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.crypto.hash.Hashes;
import org.cix.proto.v1.AuditAdminGrpc;
import org.cix.proto.v1.AuditEntries;
import org.cix.proto.v1.AuditReport;
import org.cix.proto.v1.ListAuditRequest;
import org.cix.proto.v1.VerifyAuditRequest;
import org.cix.proto.v1.WitnessedHead;
import static org.cix.federation.rpc.StatusMapping.answer;

/** The audit log on the admin port: its chain checked (with the heads countersigned), its latest entries. */
public final class AuditAdminService extends AuditAdminGrpc.AuditAdminImplBase {
  private final NodeIdentity self;
  private final NodeServices services;

  public AuditAdminService(NodeIdentity self, NodeServices services) {
    this.self = self;
    this.services = services;
  }

  @Override
  public void verifyAudit(VerifyAuditRequest request, StreamObserver<AuditReport> response) {
    answer(response, () -> {
      AuditChain.Verification v = AuditChain.verify(services.audit(), self.nodeId());
      AuditReport.Builder report = AuditReport.newBuilder().setEntries(v.entries()).setIntact(v.intact())
          .setFirstBadSeq(v.firstBad().orElse(0L)).setWhy(v.why()).setHead(Hashes.hex(v.head()));
      v.countersigned().ifPresent(h -> report.setCountersigned(witnessed(h)));
      services.audit().latestOfOthers(self.nodeId()).forEach(h -> report.addChildren(witnessed(h)));
      return report.build();
    });
  }

  private static WitnessedHead witnessed(CountersignedHead head) {
    return WitnessedHead.newBuilder().setNodeId(head.node()).setSeq(head.seq()).setHash(Hashes.hex(head.hash()))
        .setWitness(head.witness()).setWitnessedAtMillis(head.witnessedAtMillis()).build();
  }

  @Override
  public void listAudit(ListAuditRequest request, StreamObserver<AuditEntries> response) {
    answer(response, () -> AuditProtos.latest(services, request.getLimit()));
  }
}
