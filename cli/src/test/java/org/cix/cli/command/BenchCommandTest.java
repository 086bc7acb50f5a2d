package org.cix.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.cix.cli.Main;
import org.cix.cli.bench.LayoutCeiling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark runs and reports its figures (the figures themselves are in docs/performance.md). */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void benchIngest_smallRun_reportsEveryFigure() {
    StringWriter out = new StringWriter();

    int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
        "bench", "ingest", "--rows", "3000", "--store", "both", "--dir", dir.toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .containsPattern("rows\\s+3,000 \\(2,9\\d\\d stored, \\d+ rejected\\)")
        .containsPattern("end to end\\s+[\\d,]+ records/s")
        .containsPattern("end to end, postgres\\s+[\\d,]+ records/s\\s+\\(the same into PostgreSQL; \\d+ MiB on disk\\)")
        .containsPattern("store ceiling\\s+[\\d,]+ rows/s")
        .containsPattern("\\nceiling\\s+[\\d,]+ rows/s")
        .containsPattern("database\\s+[\\d,]+ MiB \\([\\d.]+x the CSV")
        .containsPattern("database compacted\\s+[\\d,]+ MiB \\([\\d.]+x the CSV");
    // issue 22's layout: every part at the first frame size, the whole layout at the others
    assertThat(out.toString().lines().filter(l -> l.startsWith("layout ceiling   64 ")))
        .hasSize(LayoutCeiling.Tables.values().length)
        .allMatch(l -> l.matches("layout ceiling   64\\s+[\\d,]+ rows/s .*compacted [\\d,]+ MiB; a version by "
            + "record id (\\(no index\\)|\\d+ us), today \\d+ us\\)"))
        .filteredOn(l -> l.contains("(no index)")).hasSize(1);
    assertThat(out.toString()).containsPattern("layout ceiling  256\\s+[\\d,]+ rows/s");
  }

  @Test
  void benchSync_smallRun_reportsEveryFigure() {
    StringWriter out = new StringWriter();

    int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
        "bench", "sync", "--records", "3000", "--entries", "3", "--store", "both", "--dir", dir.toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .containsPattern("records\\s+3,000 \\(\\d+ MiB of record bytes\\)")
        .containsPattern("end to end, h2\\s+[\\d,]+ records/s")
        .containsPattern("end to end, postgres\\s+[\\d,]+ records/s")
        .containsPattern("receiver on disk, postgres\\s+[\\d,]+ MiB \\([\\d.]+x the record bytes\\)")
        .containsPattern("a stored version \\(bytes, mean of [\\d,]+ as stored\\): row [1-9]\\d* = body [1-9]\\d* "
            + "\\([1-9]\\d* before compression\\) \\+ proof [1-9]\\d* \\+ hop proofs [1-9]\\d*")
        .containsPattern("\\nceiling\\s+[\\d,]+ records/s")
        .containsPattern("baseline\\s+[\\d,]+ rows/s\\s+\\(PostgreSQL logical replication .* is [\\d.]+x of it\\)")
        .containsPattern("list entry to 7 nodes\\s+p50 \\d+ ms, p99 \\d+ ms, max \\d+ ms over 3 entries");
  }

  @Test
  void benchCheck_smallRun_reportsEveryFigure_andReusesItsStore() {
    StringWriter out = new StringWriter();

    int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
        "bench", "check", "--records", "2000", "--checks", "300", "--seconds", "1", "--dir", dir.toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("ingesting 1,980 penalties and 20 serious-dishonesty entries")
        .containsPattern("records held\\s+2,001 \\(\\d+ MiB on disk\\); [\\d,]+ subjects sampled, [\\d.]+% of them")
        .containsPattern("check, one thread\\s+p50 [\\d.]+ ms, p99 [\\d.]+ ms")
        .containsPattern("profile, one thread\\s+p50 [\\d.]+ ms, p99 [\\d.]+ ms")
        .containsPattern("checks/s\\s+[\\d,]+ on \\d+ threads")
        .containsPattern("city check\\s+p50 [\\d.]+ ms, p99 [\\d.]+ ms")
        .containsPattern("federated check\\s+p50 [\\d.]+ ms, p99 [\\d.]+ ms")
        .containsPattern("department API check p50 [\\d.]+ ms, p99 [\\d.]+ ms")
        .containsPattern("over HTTP/JSON p50 [\\d.]+ ms, p99 [\\d.]+ ms");
    StringWriter again = new StringWriter();
    assertThat(Main.run(new PrintWriter(again, true), new PrintWriter(new StringWriter(), true),
        "bench", "check", "--records", "2000", "--checks", "10", "--seconds", "1", "--dir", dir.toString())).isZero();
    assertThat(again.toString()).contains("reusing the store in").doesNotContain("ingesting");
  }
}
