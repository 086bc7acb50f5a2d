package org.cix.federation.link;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.cix.core.sync.Neighbour;
import org.cix.core.audit.AuditCountersigning;
import org.cix.core.sync.SyncServices;

/**
 * The sync sessions of a node, one per link that is up: opens them after a handshake (a newer
 * one for the same neighbour replaces the older), wakes them when the change log grows, and
 * keeps the last error of each. Sessions run on a small shared pool, each on its own sequential
 * executor.
 */
public final class SyncHub implements AutoCloseable {
  /** Unacknowledged bundles per link. */
  public static final int WINDOW = 4;

  private final SyncServices services;
  private final int maxBundleBytes;
  private final Clock clock;
  private final ExecutorService pool;
  private final ConcurrentMap<String, SyncSession> sessions = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LinkErrors> errors = new ConcurrentHashMap<>();
  private final AuditCountersigning countersigning;
  private final String instance = java.util.UUID.randomUUID().toString();

  /**
   * @param maxMessageBytes the largest message this node accepts: it asks neighbours for bundles
   *     of at most half that
   */
  public SyncHub(SyncServices services, AuditCountersigning countersigning, String nodeId, int maxMessageBytes,
      Clock clock) {
    this.services = services;
    this.countersigning = countersigning;
    this.maxBundleBytes = maxMessageBytes / 2;
    this.clock = clock;
    this.pool = Executors.newFixedThreadPool(2, r -> {
      Thread thread = new Thread(r, "cix-sync-" + nodeId);
      thread.setDaemon(true);
      return thread;
    });
    services.store().onAppend(head -> sessions.values().forEach(SyncSession::wake));
  }

  public SyncServices services() {
    return services;
  }

  /** This node's process, as its Hellos name it: new at each start. */
  String instance() {
    return instance;
  }

  /** The largest bundle this node accepts, as told to neighbours in the handshake. */
  int maxBundleBytes() {
    return maxBundleBytes;
  }

  /** Where the neighbour's change log is stored up to here: it resumes after this. */
  long receivedFrom(String peerNode) {
    return services.store().cursor(peerNode).received();
  }

  /** A session for a link just up; the caller starts it once frames can reach it. */
  SyncSession open(Neighbour neighbour, SyncSession.Wire wire, long resumeAfter, int neighbourMaxBundleBytes,
      long neighbourHead) {
    SyncSession session = new SyncSession(neighbour, services.sender(neighbour, neighbourMaxBundleBytes),
        services.receiver(neighbour, neighbourHead), wire,
        MoreExecutors.newSequentialExecutor(pool), WINDOW, resumeAfter,
        errors.computeIfAbsent(neighbour.nodeId(), k -> new LinkErrors(clock)), countersigning,
        clock);
    SyncSession previous = sessions.put(neighbour.nodeId(), session);
    if (previous != null) {
      previous.stop();
    }
    return session;
  }

  void closed(SyncSession session) {
    session.stop();
    sessions.remove(session.neighbour().nodeId(), session);
  }

  /** Lets every session send what is due without a change-log append (the audit head). */
  public void wakeAll() {
    sessions.values().forEach(SyncSession::wake);
  }

  /** The last error of each neighbour it had a session with, by node id. */
  public Map<String, LinkErrors.Snapshot> errors() {
    Map<String, LinkErrors.Snapshot> snapshot = new TreeMap<>();
    errors.forEach((id, c) -> snapshot.put(id, c.snapshot()));
    return snapshot;
  }

  @Override
  public void close() {
    sessions.values().forEach(SyncSession::stop);
    sessions.clear();
    pool.shutdown();
    try {
      if (!pool.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
