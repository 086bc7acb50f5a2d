package org.cix.core.ingest;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.Publicity;
import org.cix.core.catalog.RecordType;
import org.cix.core.error.CixException;
import org.cix.core.node.NodeIdentity;
import org.cix.core.record.RecordIds;
import org.cix.core.record.RecordVersion;
import org.cix.core.store.CurrentVersion;
import org.cix.core.store.RecordStore;
import org.cix.core.subject.SubjectIds;
import org.cix.core.subject.SubjectKind;
import org.cix.crypto.hash.Hashes;
import org.cix.proto.v1.ChangeReason;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.RecordStatus;

/**
 * Makes this node's record versions from standardised rows: the record id from the identifying
 * fields, the content hash, the body with its publicity window, and the link to the previous
 * version. Ingest uses it for department exports; corrections for the versions an origin makes
 * on its own records (objection flags, corrections, revocations, repairs) and for the records
 * the node writes itself.
 */
public final class RecordMaker {
  /** Why a version is made, and the status and open objection it carries. */
  public record Change(RecordStatus status, ChangeReason reason, String note, String objection) {
    /** A row of a department export (or a record the node writes itself) named {@code source}. */
    public static Change ingest(String source) {
      return new Change(RecordStatus.RECORD_STATUS_ACTIVE, ChangeReason.CHANGE_REASON_INGEST, "ingest:" + source, "");
    }
  }

  private final Catalog catalog;
  private final NodeIdentity origin;
  private final SubjectIds ids;

  public RecordMaker(Catalog catalog, NodeIdentity origin, SubjectIds ids) {
    this.catalog = catalog;
    this.origin = origin;
    this.ids = ids;
  }

  public NodeIdentity origin() {
    return origin;
  }

  /**
   * Standardises fields given under the catalog's own keys, as ingest would a row of an export;
   * refuses them with every problem named.
   */
  public Standardised standardise(RecordType type, Map<String, String> fields) {
    Mapping mapping = MappingLoader.parse(KeyedRows.mapping(type), type.id() + " fields", catalog);
    Standardised row = new RowStandardiser(type, mapping, ids)
        .standardise(new SourceRow(1, type.id(), fields, Optional.empty()));
    if (!row.accepted()) {
      List<String> problems = new ArrayList<>();
      row.problems().forEach(p -> problems.add((p.field().isEmpty() ? "" : p.field() + ": ") + p.message()));
      throw CixException.invalidInput(type.id() + ": " + String.join("; ", problems));
    }
    return row;
  }

  /** The id of the record {@code row} is a version of: derived from the type's identifying fields. */
  public static String recordId(RecordType type, Standardised row) {
    return recordId(type, row.fields());
  }

  /** The id of the record of {@code type} that {@code fields} identify (a missing field counts as empty). */
  public static String recordId(RecordType type, Map<String, String> fields) {
    List<String> values = new ArrayList<>(type.identity().size());
    for (String key : type.identity()) {
      values.add(fields.getOrDefault(key, ""));
    }
    return RecordIds.of(type.id(), values);
  }

  /** SHA-256 over the type and the standardised fields: the same content gives the same hash. */
  public static byte[] contentHash(RecordType type, Map<String, String> fields) {
    MessageDigest digest = Hashes.sha256();
    digest.update(type.id().getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, String> field : fields.entrySet()) {
      digest.update((byte) 0);
      digest.update(field.getKey().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(field.getValue().getBytes(StandardCharsets.UTF_8));
    }
    return digest.digest();
  }

  /**
   * A version of record {@code id} with {@code row}'s fields: version 1 without {@code previous},
   * else the next one, chained to it.
   */
  public RecordVersion make(RecordType type, Standardised row, String id, CurrentVersion previous, byte[] content,
      Change change, long now) {
    RecordBody.Builder body = RecordBody.newBuilder()
        .setRecordId(id)
        .setVersion(previous == null ? 1 : previous.version() + 1)
        .setType(type.id())
        .setTypeVersion(type.version())
        .setCatalogVersion(catalog.version())
        .setSubjectId(row.subjectId())
        .setSubjectKind(row.subjectId().isEmpty() ? org.cix.proto.v1.SubjectKind.SUBJECT_KIND_UNSPECIFIED
            : row.subjectKind().proto())
        .setStatus(change.status())
        .setOriginNode(origin.nodeId())
        .setOriginJurisdiction(origin.jurisdiction().code())
        .setCreatedAtMillis(now)
        .setReason(change.reason())
        .setReasonNote(change.note())
        .setObjection(change.objection())
        .setSourceDepartment(row.fields().getOrDefault("source_unit_uscc", ""))
        .setContentSha256(ByteString.copyFrom(content));
    if (previous != null) {
      body.setPreviousSha256(ByteString.copyFrom(previous.sha256()));
    }
    row.fields().forEach((key, value) -> body.addFields(Field.newBuilder().setKey(key).setValue(value)));
    Publicity publicity = type.publicity();
    String from = row.fields().getOrDefault(publicity.fromField(), "");
    String until = publicity.untilFields().stream().map(f -> row.fields().getOrDefault(f, ""))
        .filter(date -> !date.isEmpty()).min(String::compareTo).orElse("");
    if (until.isEmpty() && !from.isEmpty() && publicity.defaultLength().isPresent()) {
      until = LocalDate.parse(from).plus(publicity.defaultLength().get()).toString();
    }
    return RecordVersion.create(body.setPublicityFrom(from).setPublicityUntil(until).build());
  }

  /**
   * A version of a record this node writes itself (a request, a decision, its report) from
   * fields under the catalog's keys: version 1, or the next after the one {@code records} holds.
   */
  public RecordVersion own(RecordType type, Map<String, String> fields, RecordStore records, long now) {
    Standardised row = standardise(type, fields);
    String id = recordId(type, row);
    CurrentVersion previous = records.current(List.of(id)).get(id);
    return make(type, row, id, previous, contentHash(type, row.fields()), Change.ingest(type.id()), now);
  }

  /**
   * The next version of this node's record {@code current}, with {@code fields} (standardised
   * again, so a correction is checked as an ingested row is; the identifying fields may not
   * change) and {@code change}.
   */
  public RecordVersion next(RecordVersion current, Map<String, String> fields, Change change, long now) {
    RecordBody body = current.body();
    if (!body.getOriginNode().equals(origin.nodeId())) {
      throw CixException.invalidInput("record " + body.getRecordId() + " was made by " + body.getOriginNode()
          + ", not by this node: only its origin makes its versions");
    }
    RecordType type = catalog.type(body.getType()).orElseThrow(
        () -> CixException.invalidInput("record type '" + body.getType() + "' is not in this node's catalog"));
    Standardised row = standardise(type, fields);
    if (!recordId(type, row).equals(body.getRecordId())) {
      throw CixException.invalidInput("a correction may not change the fields that identify the record ("
          + String.join(", ", type.identity()) + ")");
    }
    byte[] content = contentHash(type, row.fields());
    return make(type, row, body.getRecordId(), new CurrentVersion(body.getRecordId(), body.getVersion(),
        current.sha256(), content, body.getOriginNode()), content, change, now);
  }
}
