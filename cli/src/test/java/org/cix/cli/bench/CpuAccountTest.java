package org.cix.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CpuAccountTest {
  private static final long BURN_NANOS = 200_000_000L;

  @Test
  void namesTheThreadThatSpentTheCpuAndHowMuchPerUnit() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/task")), "needs Linux's /proc");
    CpuAccount account = CpuAccount.now();
    CountDownLatch burned = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread burner = new Thread(() -> {
      var bean = ManagementFactory.getThreadMXBean();
      long until = bean.getCurrentThreadCpuTime() + BURN_NANOS;
      while (bean.getCurrentThreadCpuTime() < until) {
        Thread.onSpinWait();
      }
      burned.countDown();
      try {
        release.await(); // a thread that ended would not be in the account
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "burner-7");
    burner.start();
    assertTrue(burned.await(60, TimeUnit.SECONDS), "the burner did not get its CPU");
    StringWriter text = new StringWriter();
    try {
      account.print("a test (units: loops)", 1_000, new PrintWriter(text));
    } finally {
      release.countDown();
      burner.join();
    }

    assertTrue(text.toString().contains("machine: "), text.toString());
    Matcher line = Pattern.compile("thread burner-N\\s+([\\d.,]+)").matcher(text.toString());
    assertTrue(line.find(), text.toString());
    // 200 ms of CPU over 1,000 units: 200 ms per 1,000
    double perThousand = Double.parseDouble(line.group(1).replace(",", ""));
    assertTrue(perThousand >= 195 && perThousand < 300, text.toString());
  }

  /** A thread gone before the account is printed (an ingest's storing stage) still counts, apart. */
  @Test
  void countsTheCpuOfAThreadThatEndedWithinTheWindow() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux's /proc");
    CpuAccount account = CpuAccount.now();
    Thread burner = new Thread(() -> {
      var bean = ManagementFactory.getThreadMXBean();
      long until = bean.getCurrentThreadCpuTime() + BURN_NANOS;
      while (bean.getCurrentThreadCpuTime() < until) {
        Thread.onSpinWait();
      }
    }, "ended-burner");
    burner.start();
    burner.join();
    StringWriter text = new StringWriter();
    account.print("a test (units: loops)", 1_000, new PrintWriter(text));

    Matcher line = Pattern.compile("JVM: threads that ended within the window\\s+([\\d.,]+)").matcher(text.toString());
    assertTrue(line.find(), text.toString());
    double perThousand = Double.parseDouble(line.group(1).replace(",", ""));
    assertTrue(perThousand >= 150, text.toString());
    assertFalse(text.toString().contains("ended-burner"), text.toString());
  }

  /**
   * A kernel worker renamed within the window (its title names the queue it serves) is the same
   * process: only its CPU since counts, not all it spent since boot. A process started within the
   * window, or a new one under a reused id, counts from its start.
   */
  @Test
  void aProcessIsFollowedByIdAndStart_notByItsTitle() {
    var before = new CpuAccount.ProcessTime("[kworker/uN:N-events_unbound]", 100, 11_000_000_000L);
    var renamed = new CpuAccount.ProcessTime("[kworker/uN:N-writeback]", 100, 11_020_000_000L);
    assertEquals(20_000_000L, renamed.since(before));
    assertEquals(30_000_000L, new CpuAccount.ProcessTime("postgres: cix cix_bench", 900, 30_000_000L).since(null));
    assertEquals(5_000_000L, new CpuAccount.ProcessTime("[kworker/N:N]", 101, 5_000_000L).since(before),
        "another process under the same id");
  }
}
