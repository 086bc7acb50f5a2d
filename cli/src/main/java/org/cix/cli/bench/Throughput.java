package org.cix.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Calls per second of several threads calling in a loop for a fixed time: the throughput runs of the benchmarks. */
final class Throughput {
  private Throughput() {}

  /** One call: {@code random} is the thread's own (seeded by its number), {@code done} the calls it made before. */
  interface Call {
    void run(Random random, int thread, long done) throws Exception;
  }

  /**
   * Calls per second of {@code threads} threads calling {@code call} for {@code run};
   * {@code sample} runs every half second meanwhile (to read the machine's state under load).
   */
  static double perSecond(int threads, Duration run, Call call, Runnable sample) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    AtomicBoolean stop = new AtomicBoolean();
    try {
      List<Future<Long>> counts = new ArrayList<>();
      long started = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        counts.add(pool.submit(() -> {
          Random random = new Random(thread);
          long done = 0;
          while (!stop.get()) {
            call.run(random, thread, done);
            done++;
          }
          return done;
        }));
      }
      sampler.scheduleAtFixedRate(sample, 500, 500, TimeUnit.MILLISECONDS);
      Thread.sleep(run.toMillis());
      stop.set(true);
      long total = 0;
      for (Future<Long> count : counts) {
        total += count.get();
      }
      return total / ((System.nanoTime() - started) / 1e9);
    } finally {
      sampler.shutdownNow();
      pool.shutdownNow();
    }
  }
}
