package org.cix.federation.admin;

import java.util.List;
import com.google.protobuf.ByteString;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;
import org.cix.core.profile.Evidence;
import org.cix.core.record.RecordFields;
import org.cix.crypto.pki.DerChains;
import java.util.TreeSet;
import org.cix.core.catalog.Catalog;
import org.cix.core.profile.ProfileEntry;
import org.cix.core.profile.SubjectAnswer;
import org.cix.core.profile.SubjectProfile;
import org.cix.core.profile.Unanswered;
import org.cix.core.record.RecordVersion;
import org.cix.core.store.StoredVersion;
import org.cix.core.subject.IdRejection;
import org.cix.core.subject.SubjectKind;
import org.cix.proto.v1.ChangeReason;
import org.cix.proto.v1.ProfileRecord;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.RecordStatus;
import org.cix.proto.v1.SealProof;
import org.cix.proto.v1.UnansweredNode;

/** Subject profiles on the wire, and records other nodes reported back as entries of a profile. */
public final class ProfileProtos {
  private ProfileProtos() {}

  /** A federated answer for the admin API. */
  public static org.cix.proto.v1.SubjectProfile toProto(SubjectAnswer answer) {
    return toProto(answer.profile()).toBuilder()
        .addAllAnsweredBy(answer.answeredBy())
        .addAllUnanswered(unanswered(answer.unanswered()))
        .setComplete(answer.complete())
        .addAllWithheldTypes(new TreeSet<>(answer.withheldTypes()))
        .build();
  }

  public static List<UnansweredNode> unanswered(List<Unanswered> nodes) {
    return nodes.stream().map(u -> UnansweredNode.newBuilder().setNode(u.node()).setReason(u.reason()).build())
        .toList();
  }

  public static List<Unanswered> unansweredFrom(List<UnansweredNode> nodes) {
    return nodes.stream().map(u -> new Unanswered(u.getNode(), u.getReason())).toList();
  }

  /**
   * A record as another node reported it, as an entry of a profile here, with that node's seal
   * check, arrived via {@code answeredBy}: the sealed version itself when its bytes came (and hash
   * to the sealed hash), else a view rebuilt from the reported fields; with its evidence when it
   * came.
   */
  public static ProfileEntry entry(ProfileRecord record, String subjectId, SubjectKind kind, Catalog catalog,
      String answeredBy) {
    Optional<Evidence> evidence = evidence(record);
    StoredVersion.Provenance provenance = new StoredVersion.Provenance(answeredBy, record.getHopsList(),
        record.getHopTimesList());
    if (evidence.isPresent() && !record.getSealedBody().isEmpty()) {
      try {
        RecordVersion sealed = RecordVersion.fromBytes(record.getSealedBody().toByteArray(),
            record.getSealedSha256().toByteArray());
        return new ProfileEntry(catalog.type(record.getType()), new StoredVersion(0, sealed, record.getProof(),
            record.getReceivedAtMillis(), provenance), record.getPublicNow(), record.getSealCheck(), evidence);
      } catch (RuntimeException e) {
        evidence = Optional.empty();
      }
    }
    String shownSubject = catalog.type(record.getType()).flatMap(t -> RecordFields.field(record.getFieldsList(),
        t.subjectField())).orElse(subjectId);
    return new ProfileEntry(catalog.type(record.getType()), view(record, shownSubject, kind, provenance),
        record.getPublicNow(), record.getSealCheck(), evidence);
  }

  private static Optional<Evidence> evidence(ProfileRecord record) {
    if (record.getSealedSha256().isEmpty() || !record.hasSeal()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Evidence(record.getSealedSha256().toByteArray(), record.getProof(), record.getSeal(),
          DerChains.decode(record.getOriginChainList().stream().map(ByteString::toByteArray).toList())));
    } catch (CertificateException e) {
      return Optional.empty();
    }
  }

  private static StoredVersion view(ProfileRecord record, String subjectId, SubjectKind kind,
      StoredVersion.Provenance provenance) {
    RecordBody body = RecordBody.newBuilder()
        .setRecordId(record.getRecordId())
        .setVersion(record.getVersion())
        .setType(record.getType())
        .setSubjectId(subjectId)
        .setSubjectKind(kind.proto())
        .setStatus(word(RecordStatus.class, "RECORD_STATUS_", record.getStatus(), RecordStatus.RECORD_STATUS_UNSPECIFIED))
        .setOriginNode(record.getOriginNode())
        .setOriginJurisdiction(record.getOriginJurisdiction())
        .setSourceDepartment(record.getSourceDepartment())
        .setPublicityFrom(record.getPublicityFrom())
        .setPublicityUntil(record.getPublicityUntil())
        .setReason(word(ChangeReason.class, "CHANGE_REASON_", record.getReason(), ChangeReason.CHANGE_REASON_UNSPECIFIED))
        .setReasonNote(record.getReasonNote())
        .setObjection(record.getObjection())
        .setCreatedAtMillis(record.getCreatedAtMillis())
        .addAllFields(record.getFieldsList())
        .build();
    return new StoredVersion(0, RecordVersion.create(body), SealProof.getDefaultInstance(),
        record.getReceivedAtMillis(), provenance);
  }

  /** The constant a word of {@link #record} names; {@code otherwise} for words of a newer peer. */
  private static <E extends Enum<E>> E word(Class<E> type, String prefix, String word, E otherwise) {
    try {
      return Enum.valueOf(type, prefix + word.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return otherwise;
    }
  }

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

  public static org.cix.proto.v1.RecordHistory history(String recordId, java.util.List<ProfileEntry> versions) {
    org.cix.proto.v1.RecordHistory.Builder proto = org.cix.proto.v1.RecordHistory.newBuilder().setRecordId(recordId);
    versions.forEach(v -> proto.addVersions(record(v)));
    return proto.build();
  }

  public static ProfileRecord record(ProfileEntry entry) {
    RecordBody body = entry.stored().version().body();
    return ProfileRecord.newBuilder()
        .setType(body.getType())
        .setTypeLabel(entry.type().map(t -> t.label()).orElse(body.getType()))
        .setRecordId(body.getRecordId())
        .setVersion(body.getVersion())
        .setStatus(body.getStatus().name().replace("RECORD_STATUS_", "").toLowerCase(java.util.Locale.ROOT))
        .setSourceDepartment(body.getSourceDepartment())
        .setOriginNode(body.getOriginNode())
        .setOriginJurisdiction(body.getOriginJurisdiction())
        .setPublicityFrom(body.getPublicityFrom())
        .setPublicityUntil(body.getPublicityUntil())
        .setPublicNow(entry.publicNow())
        .setSealCheck(entry.sealCheck())
        .addAllFields(body.getFieldsList())
        .setReason(body.getReason().name().replace("CHANGE_REASON_", "").toLowerCase(java.util.Locale.ROOT))
        .setReasonNote(body.getReasonNote())
        .setObjection(body.getObjection())
        .setCreatedAtMillis(body.getCreatedAtMillis())
        .setReceivedAtMillis(entry.stored().receivedAtMillis())
        .setSeq(entry.stored().seq())
        .setViaNode(entry.stored().provenance().viaNode())
        .addAllHops(entry.stored().provenance().hops())
        .addAllHopTimes(entry.stored().provenance().hopTimes())
        .build();
  }

  /** {@link #record} with the entry's evidence, for another node: the sealed bytes unless masked. */
  public static ProfileRecord withEvidence(ProfileEntry entry) {
    ProfileRecord record = record(entry);
    if (entry.evidence().isEmpty()) {
      return record;
    }
    Evidence evidence = entry.evidence().get();
    ProfileRecord.Builder proto = record.toBuilder()
        .setSealedSha256(ByteString.copyFrom(evidence.sealedSha256()))
        .setProof(evidence.proof())
        .setSeal(evidence.seal());
    DerChains.encode(evidence.originChain()).forEach(der -> proto.addOriginChain(ByteString.copyFrom(der)));
    if (!entry.masked()) {
      proto.setSealedBody(ByteString.copyFrom(entry.stored().version().bytesUnsafe()));
    }
    return proto.build();
  }
}
