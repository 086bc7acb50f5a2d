package org.cix.federation.server;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.cix.core.sync.ExchangeStore;

/**
 * When the change-log followers (corrections, data quality) may read: once the store has had no
 * append for {@link #QUIET}, or at the latest {@link #AT_MOST} after their last run. They read the
 * whole new stretch of the log; keeping those reads out of bulk writes (an ingest, a large sync)
 * spares the writer.
 */
final class QuietStore {
  static final Duration QUIET = Duration.ofSeconds(2);
  static final Duration AT_MOST = Duration.ofSeconds(60);

  private final Clock clock;
  private final AtomicLong lastAppend = new AtomicLong();
  private long lastRun;

  QuietStore(ExchangeStore store, Clock clock) {
    this.clock = clock;
    store.onAppend(head -> lastAppend.set(clock.millis()));
  }

  /** True when the followers should run now (and then they are taken to have run). */
  synchronized boolean timeToFollow() {
    long now = clock.millis();
    if (now - lastAppend.get() >= QUIET.toMillis() || now - lastRun >= AT_MOST.toMillis()) {
      lastRun = now;
      return true;
    }
    return false;
  }
}
