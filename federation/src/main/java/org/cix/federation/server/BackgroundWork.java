package org.cix.federation.server;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.core.sync.ChangeLogFollower;
import org.cix.federation.admin.NodeReportBuilder;
import org.cix.federation.certificates.CertificateRenewer;
import org.cix.federation.link.LinkRegistry;
import org.cix.federation.link.SyncHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's work on a timer, on one thread of its own (blocking store work, kept off the links'
 * timer thread): feedback of applied measures published, the change log followed once the store
 * is quiet, certificates renewed when due, and the node's report sent up the tree.
 */
final class BackgroundWork implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);
  /** How often feedback is published and the change log followed (corrections, data quality). */
  private static final Duration BACKGROUND_EVERY = Duration.ofSeconds(1);
  /** How often the node looks whether its certificates are due for renewal. */
  private static final Duration RENEWAL_CHECK_EVERY = Duration.ofHours(1);
  /** How long after a link comes up or goes down the node reports itself: changes in that time go together. */
  private static final Duration LINK_CHANGE_REPORT_AFTER = Duration.ofSeconds(5);

  private final ScheduledExecutorService background;
  /**
   * Set when the node stops: the change-log followers end between two batches instead of being
   * interrupted, which H2 does not survive (an interrupted read closes its file under every
   * connection).
   */
  private final AtomicBoolean stopping;

  private BackgroundWork(ScheduledExecutorService background, AtomicBoolean stopping) {
    this.background = background;
    this.stopping = stopping;
  }

  /** No work on a timer: a read front end's (its writer does the work). */
  static BackgroundWork none(NodeIdentity self) {
    return new BackgroundWork(Executors.newSingleThreadScheduledExecutor(GrpcServers.named("cix-background-"
        + self.nodeId())), new AtomicBoolean());
  }

  static BackgroundWork start(NodeIdentity self, NodeServices services, List<ChangeLogFollower> followers,
      LinkRegistry links, SyncHub sync, Optional<CertificateRenewer> renewer, FederationSettings settings,
      Clock clock) {
    ScheduledExecutorService background =
        Executors.newSingleThreadScheduledExecutor(GrpcServers.named("cix-background-" + self.nodeId()));
    QuietStore quiet = new QuietStore(services.exchange(), clock);
    AtomicBoolean stopping = new AtomicBoolean();
    background.scheduleWithFixedDelay(() -> {
      publishFeedback(services);
      if (quiet.timeToFollow()) {
        followChangeLog(followers, stopping);
      }
      sync.wakeAll();
    }, BACKGROUND_EVERY.toMillis(), BACKGROUND_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    renewer.filter(r -> !settings.renewBefore().isZero()).ifPresent(r -> background.scheduleWithFixedDelay(
        r::renewIfDue, 0, RENEWAL_CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS));
    if (!settings.reportEvery().isZero()) {
      background.scheduleWithFixedDelay(() -> publishReport(self, services, links, sync, clock), 1_000,
          settings.reportEvery().toMillis(), TimeUnit.MILLISECONDS);
      // a link up or down is reported at once (a few seconds later, several changes in one report),
      // so the tree sees a dead node within a minute, not at the next periodic report
      AtomicBoolean pending = new AtomicBoolean();
      links.onChange(() -> {
        if (pending.compareAndSet(false, true)) {
          background.schedule(() -> {
            pending.set(false);
            publishReport(self, services, links, sync, clock);
          }, LINK_CHANGE_REPORT_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
      });
    }
    return new BackgroundWork(background, stopping);
  }

  /** This node's report of itself, sealed and sent up the tree. */
  private static void publishReport(NodeIdentity self, NodeServices services, LinkRegistry links, SyncHub sync,
      Clock clock) {
    try {
      services.reports().publish(NodeReportBuilder.now(self, services, links, sync, clock));
    } catch (RuntimeException e) {
      log.warn("cannot publish this node's report now (next attempt later): {}", e.getMessage());
    }
  }

  /** Feedback of applied measures waiting in the outbox becomes records this often. */
  private static void publishFeedback(NodeServices services) {
    try {
      long made = services.feedback().publish();
      if (made > 0) {
        log.info("published {} feedback records of applied measures", made);
      }
    } catch (RuntimeException e) {
      log.warn("cannot publish feedback of applied measures now (kept for the next attempt): {}", e.getMessage());
    }
  }

  /**
   * Runs each follower of the change log until the node stops; one that fails now reads again at
   * the next attempt.
   */
  static void followChangeLog(List<ChangeLogFollower> followers, AtomicBoolean stopping) {
    for (ChangeLogFollower follower : followers) {
      if (stopping.get()) {
        return;
      }
      try {
        follower.follow(stopping::get);
      } catch (RuntimeException e) {
        log.warn("{}: cannot follow the change log now (read again at the next attempt): {}", follower.name(),
            e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    stopping.set(true);
    GrpcServers.stop(background, Duration.ofSeconds(10));
  }
}
