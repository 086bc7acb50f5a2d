package org.cix.federation.admin;

import org.cix.core.profile.ProfileEntry;
import org.cix.core.profile.SubjectProfile;
import org.cix.core.subject.IdRejection;
import org.cix.proto.v1.ProfileRecord;
import org.cix.proto.v1.RecordBody;

/** Subject profiles on the wire. */
final class ProfileProtos {
  private ProfileProtos() {}

  static org.cix.proto.v1.SubjectProfile toProto(SubjectProfile profile) {
    org.cix.proto.v1.SubjectProfile.Builder proto = org.cix.proto.v1.SubjectProfile.newBuilder()
        .setSubjectId(profile.id().normalised().orElse(profile.id().input()))
        .setKind(profile.id().kind().map(Enum::name).orElse(""))
        .setRejection(profile.id().rejection().map(IdRejection::code).orElse(""))
        .setName(profile.name().orElse(""))
        .setAsOfMillis(profile.asOf().toEpochMilli());
    for (ProfileEntry entry : profile.entries()) {
      proto.addRecords(record(entry));
    }
    return proto.build();
  }

  static org.cix.proto.v1.RecordHistory history(String recordId, java.util.List<ProfileEntry> versions) {
    org.cix.proto.v1.RecordHistory.Builder proto = org.cix.proto.v1.RecordHistory.newBuilder().setRecordId(recordId);
    versions.forEach(v -> proto.addVersions(record(v)));
    return proto.build();
  }

  static ProfileRecord record(ProfileEntry entry) {
    RecordBody body = entry.stored().version().body();
    return ProfileRecord.newBuilder()
        .setType(body.getType())
        .setTypeLabel(entry.type().map(t -> t.label()).orElse(body.getType()))
        .setRecordId(body.getRecordId())
        .setVersion(body.getVersion())
        .setStatus(body.getStatus().name().replace("RECORD_STATUS_", "").toLowerCase(java.util.Locale.ROOT))
        .setSourceDepartment(body.getSourceDepartment())
        .setOriginNode(body.getOriginNode())
        .setPublicityFrom(body.getPublicityFrom())
        .setPublicityUntil(body.getPublicityUntil())
        .setPublicNow(entry.publicNow())
        .setSealCheck(entry.sealCheck())
        .addAllFields(body.getFieldsList())
        .setReason(body.getReason().name().replace("CHANGE_REASON_", "").toLowerCase(java.util.Locale.ROOT))
        .setReasonNote(body.getReasonNote())
        .setCreatedAtMillis(body.getCreatedAtMillis())
        .setReceivedAtMillis(entry.stored().receivedAtMillis())
        .setSeq(entry.stored().seq())
        .setViaNode(entry.stored().provenance().viaNode())
        .addAllHops(entry.stored().provenance().hops())
        .build();
  }
}
