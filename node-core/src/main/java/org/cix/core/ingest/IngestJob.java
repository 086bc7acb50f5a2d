package org.cix.core.ingest;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.Publicity;
import org.cix.core.catalog.RecordType;
import org.cix.core.error.CixException;
import org.cix.core.node.NodeIdentity;
import org.cix.core.record.RecordIds;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.Sealer;
import org.cix.core.store.CurrentVersion;
import org.cix.core.store.Quarantined;
import org.cix.core.store.RecordStore;
import org.cix.core.subject.SubjectIds;
import org.cix.core.subject.SubjectKind;
import org.cix.crypto.hash.Hashes;
import org.cix.proto.v1.ChangeReason;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.RecordStatus;

/**
 * Ingests one department export: every row standardised against the catalog, accepted rows
 * turned into record versions (a new record, a new version of a changed one, or nothing for an
 * unchanged one), sealed and stored in batches; every refused row kept with its reasons.
 *
 * <p>Each batch is one transaction in the store: a crash leaves whole batches or nothing, and
 * running the same file again completes it without duplicates.
 */
public final class IngestJob {
  /** Told about each refused row and the progress after each batch. */
  public interface Listener {
    void rejected(SourceRow row, List<RowProblem> problems);

    void progress(IngestProgress progress);
  }

  private final Catalog catalog;
  private final NodeIdentity origin;
  private final Sealer sealer;
  private final RecordStore store;
  private final SubjectIds ids;
  private final Clock clock;
  private final int batchSize;

  public IngestJob(Catalog catalog, NodeIdentity origin, Sealer sealer, RecordStore store, SubjectIds ids,
      Clock clock, int batchSize) {
    this.catalog = catalog;
    this.origin = origin;
    this.sealer = sealer;
    this.store = store;
    this.ids = ids;
    this.clock = clock;
    this.batchSize = batchSize;
  }

  private record Accepted(SourceRow row, Standardised standardised) {}

  public IngestProgress run(Mapping mapping, RowSource rows, String source, Listener listener) {
    RecordType type = catalog.type(mapping.type()).orElseThrow(
        () -> CixException.invalidInput("unknown record type '" + mapping.type() + "'"));
    requireColumns(mapping, rows, source);
    RowStandardiser standardiser = new RowStandardiser(type, mapping, ids);
    Counter counter = new Counter();
    List<Accepted> pending = new ArrayList<>();
    List<Quarantined> refused = new ArrayList<>();
    while (rows.hasNext()) {
      SourceRow row = rows.next();
      counter.rows++;
      Standardised standardised = standardiser.standardise(row);
      if (standardised.accepted()) {
        pending.add(new Accepted(row, standardised));
      } else {
        counter.rejected++;
        listener.rejected(row, standardised.problems());
        RowProblem first = standardised.firstProblem().orElseThrow();
        refused.add(new Quarantined("ingest:" + source, row.where(), first.code(),
            describe(standardised.problems()), row.values().toString().getBytes(StandardCharsets.UTF_8)));
      }
      if (pending.size() + refused.size() >= batchSize) {
        flush(type, source, pending, refused, counter, listener, false);
      }
    }
    return flush(type, source, pending, refused, counter, listener, true);
  }

  private static void requireColumns(Mapping mapping, RowSource rows, String source) {
    if (rows.columns().isEmpty()) {
      return;
    }
    Set<String> missing = new LinkedHashSet<>(mapping.columns().values());
    missing.removeAll(rows.columns());
    if (!missing.isEmpty()) {
      throw CixException.invalidInput(source + ": the mapping names columns the file does not have: "
          + String.join(", ", missing) + " (the file has: " + String.join(", ", rows.columns()) + ")");
    }
  }

  private IngestProgress flush(RecordType type, String source, List<Accepted> pending, List<Quarantined> refused,
      Counter counter, Listener listener, boolean done) {
    if (!pending.isEmpty()) {
      List<String> recordIds = new ArrayList<>(pending.size());
      for (Accepted accepted : pending) {
        recordIds.add(recordId(type, accepted.standardised()));
      }
      Map<String, CurrentVersion> current = new HashMap<>(store.current(recordIds));
      List<RecordVersion> versions = new ArrayList<>();
      long now = clock.millis();
      for (int i = 0; i < pending.size(); i++) {
        Standardised row = pending.get(i).standardised();
        String id = recordIds.get(i);
        byte[] content = contentHash(type, row.fields());
        CurrentVersion previous = current.get(id);
        if (previous != null && Arrays.equals(previous.contentSha256(), content)) {
          counter.unchanged++;
          continue;
        }
        RecordVersion version = RecordVersion.create(body(type, row, id, previous, content, source, now));
        versions.add(version);
        current.put(id, new CurrentVersion(id, version.version(), version.sha256(), content));
        if (previous == null) {
          counter.created++;
        } else {
          counter.updated++;
        }
      }
      if (!versions.isEmpty()) {
        store.append(sealer.seal(versions), now);
        counter.batches++;
      }
      counter.stored += pending.size();
    }
    store.quarantine(refused);
    pending.clear();
    refused.clear();
    IngestProgress progress = counter.progress(done);
    listener.progress(progress);
    return progress;
  }

  private static String recordId(RecordType type, Standardised row) {
    List<String> values = new ArrayList<>(type.identity().size());
    for (String key : type.identity()) {
      values.add(row.fields().get(key));
    }
    return RecordIds.of(type.id(), values);
  }

  /** SHA-256 over the type and the standardised fields: the same content gives the same hash. */
  static byte[] contentHash(RecordType type, Map<String, String> fields) {
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

  private RecordBody body(RecordType type, Standardised row, String id, CurrentVersion previous, byte[] content,
      String source, long now) {
    RecordBody.Builder body = RecordBody.newBuilder()
        .setRecordId(id)
        .setVersion(previous == null ? 1 : previous.version() + 1)
        .setType(type.id())
        .setTypeVersion(type.version())
        .setCatalogVersion(catalog.version())
        .setSubjectId(row.subjectId())
        .setSubjectKind(row.subjectKind() == SubjectKind.RESIDENT_ID
            ? org.cix.proto.v1.SubjectKind.SUBJECT_KIND_RESIDENT_ID : org.cix.proto.v1.SubjectKind.SUBJECT_KIND_USCC)
        .setStatus(RecordStatus.RECORD_STATUS_ACTIVE)
        .setOriginNode(origin.nodeId())
        .setOriginJurisdiction(origin.jurisdiction().code())
        .setCreatedAtMillis(now)
        .setReason(ChangeReason.CHANGE_REASON_INGEST)
        .setReasonNote("ingest:" + source)
        .setSourceDepartment(row.fields().getOrDefault("source_unit_uscc", ""))
        .setContentSha256(ByteString.copyFrom(content));
    if (previous != null) {
      body.setPreviousSha256(ByteString.copyFrom(previous.sha256()));
    }
    row.fields().forEach((key, value) -> body.addFields(Field.newBuilder().setKey(key).setValue(value)));
    Publicity publicity = type.publicity();
    String from = row.fields().getOrDefault(publicity.fromField(), "");
    String until = publicity.untilField().map(f -> row.fields().getOrDefault(f, "")).orElse("");
    if (until.isEmpty() && !from.isEmpty() && publicity.defaultLength().isPresent()) {
      until = LocalDate.parse(from).plus(publicity.defaultLength().get()).toString();
    }
    return body.setPublicityFrom(from).setPublicityUntil(until).build();
  }

  private static String describe(List<RowProblem> problems) {
    List<String> parts = new ArrayList<>();
    for (RowProblem problem : problems) {
      parts.add((problem.field().isEmpty() ? "" : problem.field() + ": ") + problem.message());
    }
    return String.join("; ", parts);
  }

  private static final class Counter {
    long rows;
    long created;
    long updated;
    long unchanged;
    long rejected;
    long stored;
    long batches;

    IngestProgress progress(boolean done) {
      return new IngestProgress(rows, created, updated, unchanged, rejected, stored + rejected, batches, done);
    }
  }
}
