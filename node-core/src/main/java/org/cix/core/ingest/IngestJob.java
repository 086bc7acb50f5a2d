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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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

  private record Accepted(Standardised standardised, String recordId, byte[] contentHash) {}

  /** Rows read so far, handed from the reading thread to the storing one. */
  private record Batch(List<Accepted> accepted, List<Quarantined> refused, long rowsSoFar, long rejectedSoFar,
      boolean last) {}

  /**
   * Runs the ingest in two stages on two threads: this thread reads, standardises and identifies
   * rows; a second one turns them into sealed versions and stores them, batch by batch, so that
   * reading and storing overlap. At most two batches wait between the stages.
   */
  public IngestProgress run(Mapping mapping, RowSource rows, String source, Listener listener) {
    RecordType type = catalog.type(mapping.type()).orElseThrow(
        () -> CixException.invalidInput("unknown record type '" + mapping.type() + "'"));
    requireColumns(mapping, rows, source);
    RowStandardiser standardiser = new RowStandardiser(type, mapping, ids);
    Storer storer = new Storer(type, source, listener);
    Thread thread = new Thread(storer, "cix-ingest-store");
    thread.setDaemon(true);
    thread.start();
    long count = 0;
    long rejected = 0;
    List<Accepted> accepted = new ArrayList<>();
    List<Quarantined> refused = new ArrayList<>();
    try {
      while (rows.hasNext()) {
        SourceRow row = rows.next();
        count++;
        Standardised standardised = standardiser.standardise(row);
        if (standardised.accepted()) {
          accepted.add(new Accepted(standardised, recordId(type, standardised),
              contentHash(type, standardised.fields())));
        } else {
          rejected++;
          listener.rejected(row, standardised.problems());
          RowProblem first = standardised.firstProblem().orElseThrow();
          refused.add(new Quarantined("ingest:" + source, row.where(), first.code(),
              describe(standardised.problems()), row.values().toString().getBytes(StandardCharsets.UTF_8)));
        }
        if (accepted.size() + refused.size() >= batchSize) {
          storer.hand(new Batch(accepted, refused, count, rejected, false));
          accepted = new ArrayList<>();
          refused = new ArrayList<>();
        }
      }
      storer.hand(new Batch(accepted, refused, count, rejected, true));
    } catch (RuntimeException e) {
      storer.stop();
      join(thread);
      throw e;
    }
    join(thread);
    return storer.result();
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CixException.invalidInput("ingest interrupted");
    }
  }

  /** The storing stage: lookups, versions, sealing and the store, one batch at a time. */
  private final class Storer implements Runnable {
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(2);
    private final RecordType type;
    private final String source;
    private final Listener listener;
    private volatile RuntimeException failure;
    private volatile IngestProgress last;
    private long created;
    private long updated;
    private long unchanged;
    private long stored;
    private long batches;

    Storer(RecordType type, String source, Listener listener) {
      this.type = type;
      this.source = source;
      this.listener = listener;
    }

    void hand(Batch batch) {
      if (failure != null) {
        throw failure;
      }
      try {
        queue.put(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw CixException.invalidInput("ingest interrupted");
      }
    }

    void stop() {
      try {
        queue.put(new Batch(List.of(), List.of(), 0, 0, true));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    IngestProgress result() {
      if (failure != null) {
        throw failure;
      }
      return last;
    }

    @Override
    public void run() {
      while (true) {
        Batch batch;
        try {
          batch = queue.take();
        } catch (InterruptedException e) {
          failure = CixException.invalidInput("ingest interrupted");
          return;
        }
        if (failure == null) {
          try {
            store(batch);
          } catch (RuntimeException e) {
            failure = e;
          }
        }
        if (batch.last()) {
          return;
        }
      }
    }

    private void store(Batch batch) {
      if (!batch.accepted().isEmpty()) {
        List<String> recordIds = new ArrayList<>(batch.accepted().size());
        for (Accepted row : batch.accepted()) {
          recordIds.add(row.recordId());
        }
        Map<String, CurrentVersion> current = new HashMap<>(store.current(recordIds));
        List<RecordVersion> versions = new ArrayList<>();
        long now = clock.millis();
        for (Accepted row : batch.accepted()) {
          CurrentVersion previous = current.get(row.recordId());
          if (previous != null && Arrays.equals(previous.contentSha256(), row.contentHash())) {
            unchanged++;
            continue;
          }
          RecordVersion version = RecordVersion.create(
              body(type, row.standardised(), row.recordId(), previous, row.contentHash(), source, now));
          versions.add(version);
          current.put(row.recordId(),
              new CurrentVersion(row.recordId(), version.version(), version.sha256(), row.contentHash()));
          if (previous == null) {
            created++;
          } else {
            updated++;
          }
        }
        if (!versions.isEmpty()) {
          store.append(sealer.seal(versions), now);
          batches++;
        }
        stored += batch.accepted().size();
      }
      store.quarantine(batch.refused());
      last = new IngestProgress(batch.rowsSoFar(), created, updated, unchanged, batch.rejectedSoFar(),
          stored + batch.rejectedSoFar(), batches, batch.last());
      listener.progress(last);
    }
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
}
