package org.cix.federation.admin;

import org.cix.core.quality.DepartmentQuality;
import org.cix.core.quality.QualityIssue;
import org.cix.proto.v1.DepartmentFigures;
import org.cix.proto.v1.QualityIssueInfo;

/** The quality queue on the wire. */
public final class QualityProtos {
  private QualityProtos() {}

  public static QualityIssueInfo toProto(QualityIssue issue) {
    QualityIssueInfo.Builder proto = QualityIssueInfo.newBuilder()
        .setId(issue.id())
        .setAtMillis(issue.atMillis())
        .setKind(issue.kind().name())
        .setDepartment(issue.department())
        .setDepartmentName(issue.departmentName())
        .setReasonCode(issue.reasonCode())
        .setSource(issue.source())
        .setRecordId(issue.recordId())
        .setSubjectId(issue.subjectId())
        .setDetail(issue.detail());
    issue.resolution().ifPresent(r -> proto.setResolvedAtMillis(r.atMillis()).setResolvedBy(r.by())
        .setResolution(r.text()));
    return proto.build();
  }

  static DepartmentFigures toProto(DepartmentQuality d) {
    return DepartmentFigures.newBuilder()
        .setDepartment(d.department())
        .setName(d.name())
        .setReceived(d.received())
        .putAllRefusedByReason(d.refusedByReason())
        .setConflicts(d.conflicts())
        .setNameMismatches(d.nameMismatches())
        .setOpen(d.open())
        .setMedianTimeToFixMillis(d.medianTimeToFix().map(java.time.Duration::toMillis).orElse(0L))
        .build();
  }
}
