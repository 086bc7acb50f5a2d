package org.cix.federation.admin;

import org.cix.core.discipline.CheckResult;
import org.cix.core.discipline.Finding;
import org.cix.core.discipline.Measure;
import org.cix.core.discipline.Reach;
import org.cix.core.record.RecordFields;
import org.cix.core.subject.ResidentIds;
import org.cix.proto.v1.AppliedMeasure;
import org.cix.proto.v1.CheckFinding;
import org.cix.proto.v1.Decision;
import org.cix.proto.v1.RecordBody;

/** Check results on the wire. */
public final class CheckProtos {
  private CheckProtos() {}

  public static org.cix.proto.v1.CheckResult toProto(CheckResult result) {
    org.cix.proto.v1.CheckResult.Builder proto = org.cix.proto.v1.CheckResult.newBuilder()
        .setSubjectId(result.subjectId())
        .setName(result.name().orElse(""))
        .setAction(result.action())
        .setDecision(Decision.valueOf("DECISION_" + result.decision().name()))
        .setMeasuresVersion(result.measuresVersion())
        .setAsOfMillis(result.asOf().toEpochMilli())
        .addAllAnsweredBy(result.answeredBy())
        .addAllUnanswered(ProfileProtos.unanswered(result.unanswered()))
        .setComplete(result.complete());
    for (Finding finding : result.findings()) {
      proto.addFindings(finding(finding));
    }
    return proto.build();
  }

  private static CheckFinding finding(Finding finding) {
    RecordBody body = finding.entry().stored().version().body();
    String decidedBy = finding.entry().type().flatMap(t -> t.decidedBy())
        .flatMap(key -> RecordFields.field(body.getFieldsList(), key)).orElse("");
    CheckFinding.Builder proto = CheckFinding.newBuilder()
        .setRecord(ProfileProtos.record(finding.entry()))
        .setDecidedBy(decidedBy)
        .setApplies(finding.applies())
        .setLapsed(finding.lapsed().orElse(""))
        // a person behind a checked enterprise is named masked, as personal data is in answers
        .setVia(finding.via().map(v -> finding.reach() == Reach.REPRESENTED_ENTERPRISE ? ResidentIds.mask(v) : v)
            .orElse(""))
        .setViaRelation(finding.via().isPresent() ? finding.reach().word() : "");
    for (Measure measure : finding.measures()) {
      proto.addMeasures(AppliedMeasure.newBuilder()
          .setId(measure.id())
          .setKind(measure.kind().word())
          .setName(measure.name())
          .setNameEn(measure.nameEn())
          .setBasis(measure.basis().title())
          .setDocument(measure.basis().document())
          .setMeasureClass(measure.measureClass().word())
          .setClassLabel(measure.measureClass().label())
          .setLegalBasis(measure.legalBasis())
          .addAllDepartments(measure.departments()));
    }
    return proto.build();
  }
}
