package org.cix.core.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.cix.core.catalog.RecordType;
import org.cix.core.error.CixException;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.Sealer;
import org.cix.core.store.CurrentVersion;
import org.cix.core.store.Quarantined;
import org.cix.core.store.RecordStore;

/**
 * The storing stage of an {@link IngestJob}, on a thread of its own: lookups, versions, sealing
 * and the store, one batch at a time (each batch one transaction).
 */
final class IngestStorer implements Runnable {
  private final RecordMaker maker;
  private final Sealer sealer;
  private final RecordStore store;
  private final Clock clock;
  private final BlockingQueue<IngestJob.Batch> queue = new ArrayBlockingQueue<>(2);
  private final RecordType type;
  private final RecordMaker.Change change;
  private final IngestJob.Listener listener;
  private volatile RuntimeException failure;
  private volatile IngestProgress last;
  private long created;
  private long updated;
  private long unchanged;
  private long stored;
  private long batches;
  /** Rows about records another node made: refused here, after the reading stage counted them. */
  private long otherOrigin;

  private final List<Quarantined> refusedHere = new ArrayList<>();
  private final String source;

  private void refuse(SourceRow row, Map<String, String> fields, RowProblem problem) {
    otherOrigin++;
    listener.rejected(row, List.of(problem));
    refusedHere.add(IngestJob.quarantined(source, row, fields, problem.code(), submitting, problem.message()));
  }

  private final Optional<String> submitting;

  IngestStorer(RecordMaker maker, Sealer sealer, RecordStore store, Clock clock, RecordType type, String source,
      IngestJob.Listener listener, Optional<String> submitting) {
    this.maker = maker;
    this.sealer = sealer;
    this.store = store;
    this.clock = clock;
    this.submitting = submitting;
    this.source = source;
    this.type = type;
    this.change = RecordMaker.Change.ingest(source);
    this.listener = listener;
  }

  void hand(IngestJob.Batch batch) {
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
      queue.put(new IngestJob.Batch(List.of(), List.of(), 0, 0, true));
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
      IngestJob.Batch batch;
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

  private void store(IngestJob.Batch batch) {
    if (!batch.accepted().isEmpty()) {
      List<String> recordIds = new ArrayList<>(batch.accepted().size());
      for (IngestJob.Accepted row : batch.accepted()) {
        recordIds.add(row.recordId());
      }
      Map<String, CurrentVersion> current = new HashMap<>(store.current(recordIds));
      List<RecordVersion> versions = new ArrayList<>();
      long now = clock.millis();
      for (IngestJob.Accepted row : batch.accepted()) {
        CurrentVersion previous = current.get(row.recordId());
        if (previous != null && !previous.originNode().equals(maker.origin().nodeId())) {
          refuse(row.row(), row.standardised().fields(), new RowProblem("", IngestJob.OTHER_ORIGIN, "the record this row identifies was made by node "
              + previous.originNode() + ", which alone makes its versions (a duplicate from another source: "
              + "report it there, or object to the record)"));
          continue;
        }
        if (previous != null && Arrays.equals(previous.contentSha256(), row.contentHash())) {
          unchanged++;
          continue;
        }
        RecordVersion version = maker.make(type, row.standardised(), row.recordId(), previous, row.contentHash(),
            change, now);
        versions.add(version);
        current.put(row.recordId(), new CurrentVersion(row.recordId(), version.version(), version.sha256(),
            row.contentHash(), maker.origin().nodeId()));
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
      stored += batch.accepted().size() - refusedHere.size();
    }
    List<Quarantined> refused = new ArrayList<>(batch.refused());
    refused.addAll(refusedHere);
    refusedHere.clear();
    store.quarantine(refused);
    long rejected = batch.rejectedSoFar() + otherOrigin;
    last = new IngestProgress(batch.rowsSoFar(), created, updated, unchanged, rejected, stored + rejected, batches,
        batch.last());
    listener.progress(last);
  }
}
