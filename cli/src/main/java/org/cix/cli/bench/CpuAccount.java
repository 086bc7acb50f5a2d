package org.cix.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a benchmark's CPU went, between two moments: this JVM's threads (by name, numbers folded),
 * every other process on the machine (by its title: PostgreSQL names each of its processes after
 * its role) and the machine's split between programs, the kernel and idle time ({@code /proc/stat}).
 * A thread that ended within the window (an ingest's storing stage) is counted in the JVM's total,
 * which the kernel keeps for the process, and shown apart as threads that ended; a process that
 * ended within the window is not counted, the machine's totals are.
 * A process is followed by its id and start time, not its title, which may change (a kernel
 * worker is named after the queue it serves at the moment).
 * On a machine whose cores are saturated, the CPU spent per record is what limits the rate.
 */
final class CpuAccount {
  private static final long TICK_NANOS = 10_000_000L; // USER_HZ is 100 on Linux

  private final long jvmNanos;
  private final Map<String, Long> threads;
  private final Map<Long, ProcessTime> processes;
  private final long[] machine;
  private final long at;

  private CpuAccount(long jvmNanos, Map<String, Long> threads, Map<Long, ProcessTime> processes, long[] machine, long at) {
    this.jvmNanos = jvmNanos;
    this.threads = threads;
    this.processes = processes;
    this.machine = machine;
    this.at = at;
  }

  /** The CPU used so far, per thread, per process and by the machine. */
  static CpuAccount now() {
    return new CpuAccount(jvmTime(), threadTimes(), processTimes(), machineTicks(), System.nanoTime());
  }

  /**
   * Prints, for the window from {@code this} to now, the CPU milliseconds per 1,000 of {@code units}
   * (records, rows) of the largest consumers, and how busy the machine was.
   */
  void print(String what, long units, PrintWriter out) {
    CpuAccount end = now();
    double seconds = (end.at - at) / 1e9;
    Map<String, Long> used = new HashMap<>();
    end.threads.forEach((name, ns) -> used.merge(name, ns - threads.getOrDefault(name, 0L), Long::sum));
    long listed = used.values().stream().mapToLong(Long::longValue).sum();
    long jvm = Math.max(listed, end.jvmNanos - jvmNanos);
    if (jvm > listed) {
      used.put("JVM: threads that ended within the window", jvm - listed);
    }
    end.processes.forEach((pid, process) -> used.merge(process.title(), process.since(processes.get(pid)), Long::sum));
    long total = used.values().stream().mapToLong(Long::longValue).sum();
    long[] ticks = new long[machine.length];
    for (int i = 0; i < ticks.length; i++) {
      ticks[i] = end.machine[i] - machine[i];
    }
    long all = Stream.of(0, 1, 2, 3, 4, 5, 6, 7).mapToLong(i -> ticks[i]).sum();
    out.printf("CPU during %s (%.1f s, %,d units; ms of CPU per 1,000 units, %d cores):%n", what, seconds, units,
        Runtime.getRuntime().availableProcessors());
    out.printf("  machine: %.0f%% busy (programs %.0f%%, kernel %.0f%%, I/O wait %.0f%%)%n",
        percent(all - ticks[3] - ticks[4], all), percent(ticks[0] + ticks[1], all),
        percent(ticks[2] + ticks[5] + ticks[6], all), percent(ticks[4], all));
    out.printf("  %-58s %9.1f%n", "all counted below", perThousand(total, units));
    out.printf("  %-58s %9.1f%n", "this JVM", perThousand(jvm, units));
    used.entrySet().stream().filter(e -> e.getValue() * 50 >= total)
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .forEach(e -> out.printf("  %-58s %9.1f%n", e.getKey(), perThousand(e.getValue(), units)));
    out.flush();
  }

  private static double percent(long part, long all) {
    return all == 0 ? 0 : 100.0 * part / all;
  }

  private static double perThousand(long nanos, long units) {
    return units == 0 ? 0 : nanos / 1e6 / units * 1000;
  }

  /**
   * This JVM's Java threads by name, and its own threads that Java does not list (the JIT
   * compilers, the garbage collector) by kind, from {@code /proc/self/task}.
   */
  private static Map<String, Long> threadTimes() {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    Map<String, Long> times = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String comm = Files.readString(task.resolve("comm")).strip();
          String kind = comm.matches("C\\d CompilerThre.*") ? "JVM: JIT compilers"
              : comm.matches("(GC|G1) .*") ? "JVM: garbage collector" : null;
          if (kind != null) {
            times.merge(kind, ticks(statFields(Files.readString(task.resolve("stat")))) * TICK_NANOS, Long::sum);
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended while it was read
        }
      }
    } catch (IOException e) {
      // no /proc: not Linux
    }
    for (var info : bean.getThreadInfo(bean.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long ns = bean.getThreadCpuTime(info.getThreadId());
      if (ns > 0) {
        times.merge("thread " + info.getThreadName().replaceAll("\\d+", "N"), ns, Long::sum);
      }
    }
    return times;
  }

  /** A process's title ({@code postgres: walwriter}, ...), when it started and its CPU time so far. */
  record ProcessTime(String title, long startTicks, long nanos) {
    /** The CPU time since {@code before}, the same process earlier; all of it for a process started since. */
    long since(ProcessTime before) {
      return before == null || before.startTicks != startTicks ? nanos : nanos - before.nanos;
    }
  }

  /** This process's CPU time so far, its ended threads' included; 0 without {@code /proc}. */
  private static long jvmTime() {
    try {
      return ticks(statFields(Files.readString(Path.of("/proc/self/stat")))) * TICK_NANOS;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Other processes, by id, this one left out. */
  private static Map<Long, ProcessTime> processTimes() {
    Map<Long, ProcessTime> times = new HashMap<>();
    long self = ProcessHandle.current().pid();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path p : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        long pid = Long.parseLong(p.getFileName().toString());
        if (pid == self) {
          continue;
        }
        try {
          String[] stat = statFields(Files.readString(p.resolve("stat")));
          times.put(pid, new ProcessTime(title(p), Long.parseLong(stat[19]), ticks(stat) * TICK_NANOS));
        } catch (IOException | RuntimeException e) {
          // the process ended while it was read
        }
      }
    } catch (IOException e) {
      return Map.of(); // no /proc: not Linux
    }
    return times;
  }

  /** The fields of a {@code stat} line after the command's name, from the state (field 3) on. */
  private static String[] statFields(String stat) {
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }

  /** User and system time of a process or thread, in ticks, from its {@code stat} fields. */
  private static long ticks(String[] fields) {
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** A process's title: its command line's first words, numbers and addresses folded. */
  private static String title(Path process) throws IOException {
    String line = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
        .replace('\0', ' ').strip();
    if (line.isEmpty()) {
      line = "[" + Files.readString(process.resolve("comm")).strip() + "]";
    }
    List<String> words = List.of(line.split("\\s+"));
    String title = String.join(" ", words.subList(0, Math.min(words.size(), line.startsWith("postgres:") ? 3 : 1)));
    return title.replaceAll("\\d+", "N");
  }

  /** user, nice, system, idle, iowait, irq, softirq, steal: the machine's ticks since boot. */
  private static long[] machineTicks() {
    long[] ticks = new long[8];
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      for (int i = 0; i < ticks.length && i + 1 < cpu.length; i++) {
        ticks[i] = Long.parseLong(cpu[i + 1]);
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the machine's line stays at zero
    }
    return ticks;
  }
}
