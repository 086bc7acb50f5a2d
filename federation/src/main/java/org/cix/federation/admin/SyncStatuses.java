package org.cix.federation.admin;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.cix.core.stats.MissingVersions;
import org.cix.core.stats.NodeReports;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.sync.LedgerEntry;
import org.cix.core.sync.LinkCursor;
import org.cix.core.sync.LinkTotals;
import org.cix.federation.link.LinkProtos;
import org.cix.federation.link.LinkRegistry;
import org.cix.federation.link.LinkStatus;
import org.cix.federation.link.LinkErrors;
import org.cix.federation.link.SyncHub;
import org.cix.proto.v1.OriginTotal;
import org.cix.proto.v1.SyncLink;
import org.cix.proto.v1.SyncOverview;
import org.cix.proto.v1.VersionsMissing;

/**
 * Sync per link as {@code cix sync status} shows it: link state, cursors, backlog, throughput,
 * errors; versions held per origin, and those missing.
 */
public final class SyncStatuses {
  private static final long MINUTE = 60_000;

  private SyncStatuses() {}

  public static SyncOverview of(LinkRegistry links, SyncHub sync, Clock clock) {
    ExchangeStore store = sync.services().store();
    long head = store.head();
    long now = clock.millis();
    Map<String, long[]> lastMinute = new HashMap<>();
    for (LedgerEntry entry : store.ledger(5_000)) {
      if (entry.atMillis() < now - MINUTE) {
        break;
      }
      long[] counts = lastMinute.computeIfAbsent(entry.peerNode(), k -> new long[2]);
      counts[entry.direction() == LedgerEntry.Direction.SENT ? 0 : 1] += entry.accepted();
    }
    Map<String, LinkErrors.Snapshot> errors = sync.errors();
    Map<String, LinkTotals> totals = store.linkTotals();
    SyncOverview.Builder status = SyncOverview.newBuilder().setHead(head);
    java.util.Set<String> shown = new java.util.HashSet<>();
    for (LinkStatus link : links.snapshot()) {
      SyncLink.Builder row = row(store, link.peerNodeId(), head, lastMinute, totals, errors)
          .setPeerRole(LinkProtos.toProto(link.peerRole()))
          .setState(AdminService.toProto(link.state()));
      if (row.getLastError().isEmpty()) {
        link.lastError().ifPresent(row::setLastError);
        link.lastErrorAt().ifPresent(t -> row.setLastErrorMillis(t.toEpochMilli()));
      }
      status.addLinks(row);
      shown.add(link.peerNodeId());
    }
    // neighbours the ledger knows that have not connected since this node started (a child not
    // back yet after a restart): down, their totals kept
    new java.util.TreeMap<>(totals).keySet().stream().filter(peer -> !shown.contains(peer)).forEach(peer ->
        status.addLinks(row(store, peer, head, lastMinute, totals, errors)
            .setState(org.cix.proto.v1.LinkState.LINK_STATE_DOWN)));
    store.versionsByOrigin().forEach((origin, byVia) -> status.addOrigins(OriginTotal.newBuilder()
        .setOriginNode(origin).setVersions(byVia.values().stream().mapToLong(Long::longValue).sum())
        .putAllVia(byVia)));
    return status.build();
  }

  private static SyncLink.Builder row(ExchangeStore store, String peer, long head, Map<String, long[]> lastMinute,
      Map<String, LinkTotals> totals, Map<String, LinkErrors.Snapshot> errors) {
    LinkCursor cursor = store.cursor(peer);
    long[] minute = lastMinute.getOrDefault(peer, new long[2]);
    SyncLink.Builder row = SyncLink.newBuilder()
        .setPeerNodeId(peer)
        .setSentAcked(cursor.sentAcked())
        .setReceived(cursor.received())
        .setBacklog(Math.max(0, head - cursor.sentAcked()))
        .setSentPerSecond(minute[0] / 60.0)
        .setReceivedPerSecond(minute[1] / 60.0);
    LinkTotals total = totals.getOrDefault(peer, LinkTotals.NONE);
    row.setRecordsSent(total.recordsSent()).setRecordsReceived(total.recordsReceived()).setRefused(total.refused());
    total.lastBundleMillis().ifPresent(row::setLastBundleMillis);
    LinkErrors.Snapshot c = errors.get(peer);
    if (c != null) {
      c.lastError().ifPresent(row::setLastError);
      c.lastErrorAt().ifPresent(t -> row.setLastErrorMillis(t.toEpochMilli()));
    }
    return row;
  }

  /**
   * {@code status} with the versions this node lacks of each origin whose report it holds
   * ({@link MissingVersions}).
   */
  public static SyncOverview withMissing(SyncOverview status, String self, NodeReports reports, ExchangeStore store) {
    SyncOverview.Builder answer = status.toBuilder();
    for (MissingVersions m : MissingVersions.of(self, reports.held(), store.versionsByOriginAndType())) {
      answer.addMissing(VersionsMissing.newBuilder().setOriginNode(m.originNode()).setType(m.type())
          .setReported(m.reported()).setHeld(m.held()).setReportedAtMillis(m.reportedAtMillis()));
    }
    return answer.build();
  }
}
