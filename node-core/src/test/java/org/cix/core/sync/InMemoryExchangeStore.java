package org.cix.core.sync;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.cix.core.quality.InMemoryQualityStore;
import org.cix.core.quality.QualityIssue;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.SealVerifier;
import org.cix.core.seal.Sealer;
import org.cix.core.store.CurrentVersion;
import org.cix.core.store.InMemoryRecordStore;
import org.cix.core.store.StoredVersion;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealProof;

/**
 * The exchange side of an {@link InMemoryRecordStore}, for tests of the domain: the change log
 * read for sending, bundles received (sorted by {@link HeldVersions}, the rule every store
 * follows, with conflicts and refused items in an {@link InMemoryQualityStore}), link cursors and
 * the ledger. Each reception is applied whole under one lock, as a store's transaction is.
 */
public final class InMemoryExchangeStore implements ExchangeStore {
  private static final HexFormat HEX = HexFormat.of();

  private final InMemoryRecordStore records;
  private final InMemoryQualityStore quality;
  private final Map<Long, List<SealProof>> hopProofs = new HashMap<>();
  private final Map<String, List<X509Certificate>> originChains = new HashMap<>();
  private final Map<String, LinkCursor> cursors = new HashMap<>();
  private final List<LedgerEntry> ledger = new ArrayList<>();

  public InMemoryExchangeStore(InMemoryRecordStore records, InMemoryQualityStore quality) {
    this.records = records;
    this.quality = quality;
  }

  @Override
  public synchronized List<LoggedVersion> changesAfter(long afterSeq, int limit) {
    return records.versions.stream().filter(v -> v.seq() > afterSeq).limit(limit).map(this::logged).toList();
  }

  @Override
  public synchronized List<LoggedVersion> changesNotFrom(long afterSeq, long upToSeq, String neighbour) {
    return records.versions.stream().filter(v -> v.seq() > afterSeq && v.seq() <= upToSeq)
        .filter(v -> !v.provenance().viaNode().equals(neighbour)).map(this::logged).toList();
  }

  @Override
  public synchronized List<LoggedVersion> changesOfTypes(long afterSeq, long upToSeq, Collection<String> types,
      int limit) {
    return records.versions.stream().filter(v -> v.seq() > afterSeq && v.seq() <= upToSeq)
        .filter(v -> types.contains(v.version().body().getType())).limit(limit).map(this::logged).toList();
  }

  private LoggedVersion logged(StoredVersion v) {
    RecordVersion version = v.version();
    StoredVersion.Provenance via = v.provenance();
    return new LoggedVersion(v.seq(), version.recordId(), version.version(), version.body().getType(),
        version.body().getSubjectId(), version.body().getOriginNode(), via.viaNode(), version.bytes(),
        version.sha256(), v.proof(), via.hops(), via.hopTimes(), v.receivedAtMillis(),
        hopProofs.getOrDefault(v.seq(), List.of()));
  }

  @Override
  public synchronized long head() {
    return records.versions.size();
  }

  @Override
  public synchronized Map<String, Seal> seals(Collection<String> sealIds) {
    Map<String, Seal> found = new HashMap<>();
    sealIds.stream().filter(records.seals::containsKey).forEach(id -> found.put(id, records.seals.get(id)));
    return found;
  }

  @Override
  public synchronized void putOriginChain(List<X509Certificate> chain) {
    originChains.putIfAbsent(HEX.formatHex(Sealer.certificateHash(chain.get(0))), List.copyOf(chain));
  }

  @Override
  public synchronized Optional<List<X509Certificate>> sealChain(byte[] certSha256) {
    return Optional.ofNullable(originChains.get(HEX.formatHex(certSha256)));
  }

  @Override
  public synchronized LinkCursor cursor(String peerNode) {
    return cursors.getOrDefault(peerNode, new LinkCursor(peerNode, 0, 0));
  }

  @Override
  public synchronized ReceptionOutcome receive(Reception reception) {
    HeldVersions held = new HeldVersions();
    for (ReceivedVersion incoming : reception.versions()) {
      CurrentVersion current = records.current.get(incoming.version().recordId());
      if (current != null) {
        held.current(current.recordId(), current.version(), current.sha256(), current.originNode());
        records.history(current.recordId()).forEach(v ->
            held.held(current.recordId(), v.version().version(), v.version().sha256()));
      }
    }
    HeldVersions.Sorted sorted = held.sort(reception.versions());
    reception.seals().forEach(seal -> records.seals.putIfAbsent(sealId(seal), seal));
    reception.origins().forEach(this::putOriginChain);
    for (ReceivedVersion fresh : sorted.fresh()) {
      RecordVersion version = fresh.version();
      long seq = records.versions.size() + 1;
      records.versions.add(new StoredVersion(seq, version, fresh.proof(), reception.receivedAtMillis(),
          new StoredVersion.Provenance(reception.peerNode(), fresh.hops(), fresh.hopTimes())));
      hopProofs.put(seq, fresh.hopProofs());
      records.pointForward(version);
    }
    List<QualityIssue> issues = new ArrayList<>();
    sorted.conflicts().forEach(c -> issues.add(QualityIssue.ofConflict(c, reception.peerNode(),
        reception.receivedAtMillis())));
    reception.refused().forEach(r -> issues.add(QualityIssue.ofRefused(r, reception.receivedAtMillis())));
    quality.add(issues);
    records.quarantined.addAll(reception.refused());
    cursors.put(reception.peerNode(), new LinkCursor(reception.peerNode(),
        cursor(reception.peerNode()).sentAcked(), reception.lastSeq()));
    ReceptionOutcome outcome = new ReceptionOutcome(sorted.fresh().size(), sorted.duplicates(),
        sorted.conflicts().size());
    if (reception.ledger().items() > 0) {
      ledger.add(reception.ledger().with(outcome));
    }
    if (!sorted.fresh().isEmpty()) {
      records.appended.forEach(l -> l.accept(records.versions.size()));
    }
    return outcome;
  }

  private static String sealId(Seal seal) {
    try {
      return SealVerifier.header(seal).getSealId();
    } catch (SealVerifier.Failure e) {
      throw new IllegalArgumentException("a checked seal has a readable header", e);
    }
  }

  @Override
  public synchronized void acknowledged(LedgerEntry entry) {
    cursors.put(entry.peerNode(), new LinkCursor(entry.peerNode(), entry.lastSeq(),
        cursor(entry.peerNode()).received()));
    if (entry.items() > 0) {
      ledger.add(entry);
    }
  }

  @Override
  public synchronized void restartReceiving(String peerNode, LedgerEntry note) {
    cursors.put(peerNode, new LinkCursor(peerNode, cursor(peerNode).sentAcked(), 0));
    ledger.add(note);
  }

  @Override
  public synchronized void ledger(LedgerEntry entry) {
    ledger.add(entry);
  }

  @Override
  public synchronized List<LedgerEntry> ledger(int limit) {
    List<LedgerEntry> newestFirst = new ArrayList<>(ledger);
    Collections.reverse(newestFirst);
    return newestFirst.stream().limit(limit).toList();
  }

  @Override
  public synchronized Map<String, LinkTotals> linkTotals() {
    Map<String, LinkTotals> totals = new TreeMap<>();
    for (LedgerEntry e : ledger) {
      LinkTotals t = totals.getOrDefault(e.peerNode(), LinkTotals.NONE);
      boolean sent = e.direction() == LedgerEntry.Direction.SENT;
      totals.put(e.peerNode(), new LinkTotals(t.recordsSent() + (sent ? e.items() : 0),
          t.recordsReceived() + (sent ? 0 : e.accepted()), t.refused() + (sent ? 0 : e.rejected()),
          Optional.of(Math.max(t.lastBundleMillis().orElse(0L), e.atMillis()))));
    }
    return totals;
  }

  @Override
  public synchronized List<LedgerEntry> ledgerSince(long atMillis) {
    return ledger.stream().filter(e -> e.atMillis() >= atMillis).toList();
  }

  @Override
  public Map<String, List<Long>> arrivalLags(long sinceMillis, int limit) {
    throw new UnsupportedOperationException("arrival times are not kept in memory");
  }

  @Override
  public synchronized Map<String, Map<String, Long>> versionsByOrigin() {
    Map<String, Map<String, Long>> totals = new TreeMap<>();
    records.versions.forEach(v -> totals.computeIfAbsent(v.version().body().getOriginNode(), k -> new TreeMap<>())
        .merge(v.provenance().viaNode(), 1L, Long::sum));
    return totals;
  }

  @Override
  public synchronized Map<String, Map<String, Long>> versionsByOriginAndType() {
    Map<String, Map<String, Long>> totals = new TreeMap<>();
    records.versions.forEach(v -> totals.computeIfAbsent(v.version().body().getOriginNode(), k -> new TreeMap<>())
        .merge(v.version().body().getType(), 1L, Long::sum));
    return totals;
  }

  @Override
  public void onAppend(LongConsumer listener) {
    records.appended.add(listener);
  }
}
