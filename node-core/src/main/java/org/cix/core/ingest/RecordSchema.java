package org.cix.core.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.authority.DepartmentJurisdiction;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.RecordType;
import org.cix.core.node.Jurisdiction;
import org.cix.core.subject.SubjectIds;
import org.cix.crypto.pki.Jurisdictions;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.RecordStatus;

/**
 * Checks a record version made elsewhere against this node's catalog, as ingest would have made
 * it: its type and the type's version, known fields each once, every value valid and already in
 * standard form, the subject, the record id and the content hash derived from them, and departments
 * the origin may speak for ({@link DepartmentJurisdiction}). The catalog
 * version a record names is provenance, not a condition: catalogs that differ in other types (a
 * type added at the national level before every node has it) still exchange the types they share.
 */
public final class RecordSchema {
  private static final Mapping IDENTITY = new Mapping("", Mapping.SourceFormat.JSONL,
      java.nio.charset.StandardCharsets.UTF_8, Map.of(), Map.of(), Map.of(), List.of("yyyy-MM-dd"));

  private final Catalog catalog;
  private final SubjectIds ids;
  private final Map<String, RowStandardiser> standardisers = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, java.util.Set<String>> fieldKeys = new java.util.concurrent.ConcurrentHashMap<>();

  public RecordSchema(Catalog catalog, SubjectIds ids) {
    this.catalog = catalog;
    this.ids = ids;
  }

  /** The first problem of {@code body}, or empty when it conforms. */
  public Optional<RowProblem> check(RecordBody body) {
    Optional<RecordType> found = catalog.type(body.getType());
    if (found.isEmpty()) {
      return problem("", "unknown_type", "record type '" + body.getType() + "' is not in the catalog");
    }
    RecordType type = found.get();
    if (body.getTypeVersion() != type.version()) {
      return problem("", "unknown_type_version", type.id() + " version " + body.getTypeVersion() + " is not "
          + type.version());
    }
    if (body.getStatus() == RecordStatus.RECORD_STATUS_UNSPECIFIED || body.getStatus() == RecordStatus.UNRECOGNIZED
        || body.getVersion() < 1) {
      return problem("", "bad_record", "no status or version");
    }
    Map<String, String> given = new LinkedHashMap<>();
    java.util.Set<String> known = fieldKeys.computeIfAbsent(type.id(), k -> type.fieldsByKey().keySet());
    for (var field : body.getFieldsList()) {
      if (!known.contains(field.getKey())) {
        return problem(field.getKey(), "unknown_field", "field '" + field.getKey() + "' is not in " + type.id());
      }
      if (given.put(field.getKey(), field.getValue()) != null) {
        return problem(field.getKey(), "duplicate_field", "field '" + field.getKey() + "' appears twice");
      }
    }
    Standardised standard = standardisers.computeIfAbsent(type.id(), k -> new RowStandardiser(type,
        new Mapping(type.id(), IDENTITY.format(), IDENTITY.encoding(), keysToThemselves(type), Map.of(), Map.of(),
            IDENTITY.dateFormats()), ids))
        .standardise(new SourceRow(0, "", given, Optional.empty()));
    if (!standard.accepted()) {
      return standard.firstProblem();
    }
    if (!standard.fields().equals(given) || !new ArrayList<>(standard.fields().keySet()).equals(
        new ArrayList<>(given.keySet()))) {
      return problem("", "not_standard", "fields are not in standard form or catalog order");
    }
    if (!standard.subjectId().equals(body.getSubjectId())) {
      return problem(type.subjectField(), "subject_mismatch", "subject id does not match the subject field");
    }
    if (!RecordMaker.recordId(type, given).equals(body.getRecordId())) {
      return problem("", "bad_record_id", "record id is not derived from the identifying fields");
    }
    if (!Arrays.equals(RecordMaker.contentHash(type, given), body.getContentSha256().toByteArray())) {
      return problem("", "bad_content_hash", "content hash does not match the fields");
    }
    if (!Jurisdictions.isWellFormed(body.getOriginJurisdiction())) {
      return problem("", "bad_record", "malformed origin jurisdiction '" + body.getOriginJurisdiction() + "'");
    }
    return DepartmentJurisdiction.check(type, given, new Jurisdiction(body.getOriginJurisdiction()));
  }

  private static Map<String, String> keysToThemselves(RecordType type) {
    Map<String, String> columns = new LinkedHashMap<>();
    type.fields().forEach(f -> columns.put(f.key(), f.key()));
    return columns;
  }

  private static Optional<RowProblem> problem(String field, String code, String message) {
    return Optional.of(new RowProblem(field, code, message));
  }
}
