package org.cix.federation.server;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Lifecycle helpers shared by the node's servers and channels. */
public final class GrpcServers {
  private GrpcServers() {}

  /** Orderly shutdown: stop accepting, let calls finish for {@code grace}, then cut the rest. */
  public static void stop(Server server, Duration grace) {
    server.shutdown();
    try {
      if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
        server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  public static void stop(ManagedChannel channel, Duration grace) {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  public static void stop(ExecutorService executor, Duration grace) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** A fixed pool of named daemon threads. */
  public static ExecutorService fixedPool(String name, int threads) {
    return Executors.newFixedThreadPool(threads, named(name));
  }

  public static ThreadFactory named(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
