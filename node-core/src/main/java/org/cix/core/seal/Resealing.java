package org.cix.core.seal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.AuditLog;
import org.cix.core.catalog.Catalog;
import org.cix.core.ingest.RecordMaker;
import org.cix.core.record.RecordVersion;
import org.cix.core.store.CurrentVersion;
import org.cix.core.store.RecordStore;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.sync.LoggedVersion;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.proto.v1.ChangeReason;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealHeader;

/**
 * Re-seals this node's own current records under its sealing key in force ({@code cix record
 * reseal}), when an operator wants what an earlier key sealed proven by the new one: after a key
 * compromise, the versions sealed from the compromise time on prove nothing until they are
 * resealed. Each such record gets a new version with the same fields and status (reason {@link
 * ChangeReason#CHANGE_REASON_RESEAL}), sealed in batches and sent like any other version. Records
 * sealed under the key in force already are left alone, so a second run reseals nothing.
 */
public final class Resealing {
  private static final int CHUNK = 1_000;

  /** What a run found and did. */
  public record Result(long examined, long resealed) {}

  private final Catalog catalog;
  private final RecordStore records;
  private final ExchangeStore exchange;
  private final RecordMaker maker;
  private final Sealer sealer;
  private final NodeKeyMaterial keys;
  private final AuditLog audit;
  private final Clock clock;

  public Resealing(Catalog catalog, RecordStore records, ExchangeStore exchange, RecordMaker maker, Sealer sealer,
      NodeKeyMaterial keys, AuditLog audit, Clock clock) {
    this.catalog = catalog;
    this.records = records;
    this.exchange = exchange;
    this.maker = maker;
    this.sealer = sealer;
    this.keys = keys;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Reseals the node's own current versions not sealed under its sealing certificate in force;
   * with {@code sealedSince}, only those sealed at or after it.
   *
   * @param progress told the number of versions examined after each chunk
   */
  public synchronized Result reseal(Optional<Instant> sealedSince, String by, LongConsumer progress) {
    byte[] inForce = Sealer.certificateHash(keys.sealChain().get(0));
    long head = exchange.head();
    long cursor = 0;
    long examined = 0;
    long resealed = 0;
    while (cursor < head) {
      List<LoggedVersion> chunk = exchange.changesAfter(cursor, CHUNK);
      if (chunk.isEmpty()) {
        break;
      }
      cursor = chunk.get(chunk.size() - 1).seq();
      List<LoggedVersion> own = chunk.stream()
          .filter(v -> v.seq() <= head && v.local() && v.originNode().equals(keys.nodeId())
              && catalog.type(v.type()).isPresent())
          .toList();
      Map<String, CurrentVersion> current = records.current(own.stream().map(LoggedVersion::recordId).toList());
      Map<String, Seal> seals = exchange.seals(own.stream().map(v -> v.proof().getSealId()).distinct().toList());
      List<RecordVersion> next = new ArrayList<>();
      long now = clock.millis();
      for (LoggedVersion version : own) {
        CurrentVersion latest = current.get(version.recordId());
        if (latest == null || latest.version() != version.version()
            || !due(seals.get(version.proof().getSealId()), inForce, sealedSince)) {
          continue;
        }
        RecordVersion held = RecordVersion.fromBytes(version.body(), version.sha256());
        next.add(maker.next(held, held.fields(), new RecordMaker.Change(held.body().getStatus(),
            ChangeReason.CHANGE_REASON_RESEAL, "resealed under the sealing certificate in force",
            held.body().getObjection()), now));
      }
      if (!next.isEmpty()) {
        records.append(sealer.seal(next), now);
      }
      examined += own.size();
      resealed += next.size();
      progress.accept(examined);
    }
    audit.append(new AuditEvent(clock.instant(), by, "record.reseal", "", "resealed " + resealed + " of " + examined
        + " own versions examined" + sealedSince.map(t -> ", sealed since " + t).orElse("")));
    return new Result(examined, resealed);
  }

  private static boolean due(Seal seal, byte[] inForce, Optional<Instant> sealedSince) {
    if (seal == null) {
      return true;
    }
    SealHeader header;
    try {
      header = SealVerifier.header(seal);
    } catch (SealVerifier.Failure e) {
      return true;
    }
    if (Arrays.equals(header.getOriginCertSha256().toByteArray(), inForce)) {
      return false;
    }
    return sealedSince.map(t -> header.getSealedAtMillis() >= t.toEpochMilli()).orElse(true);
  }
}
