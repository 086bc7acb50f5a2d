package org.cix.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects the {@link Fault}s each test inflicts and the test's outcome; when a module's tests end
 * it writes {@code target/reliability/MODULE.tsv} under the project root and the table of every
 * module's rows so far, {@code target/reliability.md}: what was tried, how many times, by which
 * tests, and whether all of them passed. Registered through {@code META-INF/services} of the
 * crypto test jar, so every module's test run has it.
 */
public final class ReliabilityListener implements TestExecutionListener {
  /** The modules in build order: the order of the table. */
  private static final List<String> MODULES = List.of("crypto", "node-core", "storage", "federation", "cli");

  private record Tally(AtomicLong times, Set<String> tests) {}

  private static final Map<Fault, Tally> TALLIES = new ConcurrentHashMap<>();
  private static final Map<String, Boolean> PASSED = new ConcurrentHashMap<>();
  private static volatile String current = "";

  static void count(Fault fault, long times) {
    Tally tally = TALLIES.computeIfAbsent(fault, f -> new Tally(new AtomicLong(), ConcurrentHashMap.newKeySet()));
    tally.times().addAndGet(times);
    if (!current.isEmpty()) {
      tally.tests().add(current);
    }
  }

  @Override
  public void executionStarted(TestIdentifier test) {
    if (test.isTest()) {
      current = name(test);
    }
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (test.isTest()) {
      PASSED.merge(name(test), result.getStatus() == TestExecutionResult.Status.SUCCESSFUL, Boolean::logicalAnd);
    }
  }

  private static String name(TestIdentifier test) {
    return test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
        .map(m -> m.getJavaClass().getSimpleName() + "." + m.getMethodName())
        .orElse(test.getDisplayName());
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    if (TALLIES.isEmpty()) {
      return;
    }
    Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    Path root = module.getParent();
    if (root == null || !Files.exists(root.resolve("pom.xml")) || !MODULES.contains(module.getFileName().toString())) {
      return;
    }
    Path dir = root.resolve("target").resolve("reliability");
    StringBuilder tsv = new StringBuilder();
    TALLIES.entrySet().stream()
        .sorted(Map.Entry.comparingByKey((a, b) -> a.what().compareTo(b.what())))
        .forEach(e -> {
          Set<String> tests = new TreeSet<>(e.getValue().tests());
          boolean passed = !tests.isEmpty() && tests.stream().allMatch(t -> PASSED.getOrDefault(t, false));
          tsv.append(clean(e.getKey().what())).append('\t').append(clean(e.getKey().response())).append('\t')
              .append(e.getValue().times().get()).append('\t').append(String.join(", ", tests)).append('\t')
              .append(passed ? "passed" : "FAILED").append('\n');
        });
    try {
      Files.createDirectories(dir);
      write(dir.resolve(module.getFileName() + ".tsv"), tsv.toString());
      write(root.resolve("target").resolve("reliability.md"), table(dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The markdown table of every module's rows, modules in build order; a fault inflicted in
   * several modules is one row.
   */
  static String table(Path dir) throws IOException {
    record Row(long times, List<String> provenBy, boolean passed) {}
    Map<String, Row> rows = new java.util.LinkedHashMap<>();
    for (String module : MODULES) {
      Path file = dir.resolve(module + ".tsv");
      if (!Files.exists(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] c = line.split("\t", -1);
        if (c.length == 5) {
          List<String> provenBy = new ArrayList<>(List.of(module + ": " + tests(c[3])));
          Row row = new Row(Long.parseLong(c[2]), provenBy, c[4].equals("passed"));
          rows.merge(c[0] + " | " + c[1], row, (a, b) -> {
            List<String> both = new ArrayList<>(a.provenBy());
            both.addAll(b.provenBy());
            return new Row(a.times() + b.times(), both, a.passed() && b.passed());
          });
        }
      }
    }
    StringBuilder md = new StringBuilder();
    md.append("| fault or hostile input | what the node does | times | proven by | outcome |\n");
    md.append("| --- | --- | ---: | --- | --- |\n");
    rows.forEach((fault, row) -> md.append("| ").append(fault).append(" | ")
        .append(String.format("%,d", row.times())).append(" | ").append(String.join("; ", row.provenBy()))
        .append(" | ").append(row.passed() ? "kept working, nothing lost" : "**FAILED**").append(" |\n"));
    return md.toString();
  }

  private static String tests(String list) {
    Map<String, List<String>> byClass = new TreeMap<>();
    Stream.of(list.split(", ")).filter(t -> !t.isEmpty()).forEach(t -> {
      int dot = t.indexOf('.');
      byClass.computeIfAbsent(dot < 0 ? t : t.substring(0, dot), k -> new ArrayList<>())
          .add(dot < 0 ? "" : t.substring(dot + 1));
    });
    List<String> parts = new ArrayList<>();
    byClass.forEach((cls, methods) -> parts.add("`" + cls + "` (" + methods.size() + (methods.size() == 1 ? " test)" : " tests)")));
    return String.join(", ", parts);
  }

  private static String clean(String text) {
    return text.replace('\t', ' ').replace('\n', ' ').replace("|", "\\|");
  }

  private static void write(Path file, String content) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
