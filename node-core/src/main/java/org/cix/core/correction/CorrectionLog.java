package org.cix.core.correction;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cix.core.ingest.RecordMaker;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.Sealer;
import org.cix.core.store.RecordStore;
import org.cix.core.store.StoredVersion;
import org.cix.core.sync.ChangeLogFollower;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.sync.LoggedVersion;
import org.cix.proto.v1.ChangeReason;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.RecordStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The correction records of the change log, followed: requests and decisions kept as the node
 * learns them, and the "under objection" flag made on this node's own records.
 */
final class CorrectionLog implements ChangeLogFollower {
  private static final Logger log = LoggerFactory.getLogger(CorrectionLog.class);
  private static final int BATCH = 1_000;

  private final RecordStore records;
  private final ExchangeStore changes;
  private final CorrectionStore requests;
  private final RecordMaker maker;
  private final Sealer sealer;
  private final Clock clock;
  private final Object lock;

  /** {@code lock}: the one guarding this node's own correction versions. */
  CorrectionLog(RecordStore records, ExchangeStore changes, CorrectionStore requests, RecordMaker maker,
      Sealer sealer, Clock clock, Object lock) {
    this.records = records;
    this.changes = changes;
    this.requests = requests;
    this.maker = maker;
    this.sealer = sealer;
    this.clock = clock;
    this.lock = lock;
  }

  @Override
  public String name() {
    return "objections and repair requests";
  }

  /**
   * Reads the correction records appended to the change log since the last call: keeps each
   * request and decision, flags records this node made when an objection to them arrives, and
   * refuses decisions not made by the record's origin. Safe to repeat after a crash (the flag is
   * made once; keeping a request or decision again changes nothing).
   *
   * @return the correction records read
   */
  @Override
  public long follow() {
    synchronized (lock) {
      int[] read = new int[1];
      changes.readTypes(requests.cursor(), changes.head(), Set.of(Corrections.REQUEST_TYPE, Corrections.DECISION_TYPE), BATCH,
          (batch, readUpTo) -> {
            Map<String, RecordVersion> flags = new LinkedHashMap<>();
            for (LoggedVersion logged : batch) {
              RecordVersion version = RecordVersion.fromHashedBytes(logged.body(), logged.sha256());
              if (logged.type().equals(Corrections.REQUEST_TYPE)) {
                request(version, flags);
              } else {
                decision(version);
              }
              read[0]++;
            }
            if (!flags.isEmpty()) {
              records.append(sealer.seal(List.copyOf(flags.values())), clock.millis());
            }
            requests.cursor(readUpTo);
          });
      return read[0];
    }
  }

  private void request(RecordVersion version, Map<String, RecordVersion> flags) {
    Map<String, String> fields = version.fields();
    String id = fields.get("request_id");
    requests.putRequest(id, fields);
    if (!fields.get("kind").equals(RequestKind.OBJECTION.name()) || !fields.get("record_origin_node").equals(maker.origin().nodeId())) {
      return;
    }
    String recordId = fields.get("record_id");
    RecordVersion current = flags.get(recordId);
    if (current == null) {
      List<StoredVersion> history = records.history(recordId);
      if (history.isEmpty()) {
        log.warn("objection {} concerns record {}, which this node does not hold", id, recordId);
        return;
      }
      current = history.get(history.size() - 1).version();
    }
    RecordBody body = current.body();
    if (body.getStatus() != RecordStatus.RECORD_STATUS_ACTIVE || !body.getObjection().isEmpty()
        || requests.get(id).map(r -> !r.open()).orElse(false)) {
      return;
    }
    flags.put(recordId, maker.next(current, current.fields(), new RecordMaker.Change(body.getStatus(),
        ChangeReason.CHANGE_REASON_OBJECTION, "objection " + id + " filed at " + fields.get("filing_node"), id),
        clock.millis()));
    log.info("record {} under objection {} (filed at {})", recordId, id, fields.get("filing_node"));
  }

  private void decision(RecordVersion version) {
    Map<String, String> fields = version.fields();
    String id = fields.get("request_id");
    String decider = version.body().getOriginNode();
    Optional<String> origin = requests.get(id).map(CorrectionRequest::originNode).filter(o -> !o.isEmpty())
        .or(() -> {
          List<StoredVersion> history = records.history(fields.get("record_id"));
          return history.isEmpty() ? Optional.empty()
              : Optional.of(history.get(history.size() - 1).version().body().getOriginNode());
        });
    if (origin.isPresent() && !origin.get().equals(decider)) {
      log.warn("decision on request {} refused: made by {}, but only the record's origin {} decides", id, decider,
          origin.get());
      return;
    }
    requests.putDecision(id, fields);
  }
}
