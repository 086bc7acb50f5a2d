package org.cix.federation.admin;

import java.time.LocalDate;
import org.cix.core.correction.CorrectionRequest;
import org.cix.proto.v1.CorrectionInfo;

/** Objections and repair requests on the wire. */
public final class CorrectionProtos {
  private CorrectionProtos() {}

  public static CorrectionInfo toProto(CorrectionRequest r, String self, LocalDate today) {
    String version = r.decision().getOrDefault("record_version", "");
    return CorrectionInfo.newBuilder()
        .setId(r.id())
        .setKind(r.field("kind"))
        .setRecordId(r.recordId())
        .setRecordType(r.field("record_type"))
        .setSubjectId(r.subjectId())
        .setOriginNode(r.originNode())
        .setFilingNode(r.field("filing_node"))
        .setFiledBy(r.field("filed_by"))
        .setFiledOn(r.field("filed_on"))
        .setDueOn(r.field("due_on"))
        .setReason(r.field("reason"))
        .setEvidence(r.field("evidence"))
        .setContact(r.field("contact"))
        .setConditions(r.field("conditions"))
        .setState(r.outcome().map(Enum::name).orElse("OPEN"))
        .setDecisionNote(r.decision().getOrDefault("note", ""))
        .setDecidedBy(r.decision().getOrDefault("decided_by", ""))
        .setDecidedOn(r.decision().getOrDefault("decided_on", ""))
        .setRecordVersion(version.isEmpty() ? 0 : Integer.parseInt(version))
        .setOverdue(r.overdue(today))
        .setDecidedHere(r.originNode().equals(self))
        .build();
  }
}
