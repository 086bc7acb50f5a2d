package org.cix.cli.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cix.core.ingest.IngestJob;
import org.cix.core.ingest.IngestProgress;
import org.cix.core.ingest.RowProblem;
import org.cix.core.ingest.SourceRow;
import org.cix.core.node.NodeServices;
import org.cix.core.pack.PackageScope;
import org.cix.core.pack.PackageSummary;
import org.cix.core.pack.PackageVerification;
import org.cix.core.pack.PackageVerifier;
import org.cix.core.pack.PackageWriter;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.core.synthetic.SyntheticDepartments;

/**
 * Credit packages of many records: a district node (H2) holds {@code records} penalties of one
 * industry; the industry's package is exported (scan, evidence, JSON, sealed bytes, summary,
 * signed manifest) and verified offline (signature, digests, every seal, proof and record),
 * timing both. Verification runs on every core.
 */
public final class PackageBenchmark {
  private static final String DISTRICT = "110105";
  private static final String INDUSTRY = "C1391";

  private final Path dir;
  private final int records;
  private final int verifications;
  private final PrintWriter out;

  public PackageBenchmark(Path dir, int records, int verifications, PrintWriter out) {
    this.dir = dir;
    this.records = records;
    this.verifications = verifications;
    this.out = out;
  }

  public record Result(long records, long bytes, double exportSeconds, List<Double> verifySeconds, int threads,
      boolean intact) {
    public double exportPerSecond() {
      return records / exportSeconds;
    }

    public double verifyPerSecond() {
      return records / verifySeconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
  }

  public Result run() throws IOException {
    try (BenchNodes nodes = new BenchNodes(dir, Clock.systemUTC())) {
      NodeServices node = nodes.add("bj-chaoyang", DISTRICT, Optional.empty());
      SyntheticDepartments.register(node, DISTRICT, SyntheticDepartments.Kind.MARKET_REGULATION);
      out.printf("ingesting %,d penalties of industry %s at bj-chaoyang...%n", records, INDUSTRY);
      Path export = dir.resolve("penalties.csv");
      try (OutputStream file = Files.newOutputStream(export)) {
        new PenaltyExports(77, DISTRICT, 0).allInIndustry(INDUSTRY).write(file, StandardCharsets.UTF_8, records);
      }
      try (var in = Files.newInputStream(export)) {
        BenchNodes.ingest(node, PenaltyExports.mapping(StandardCharsets.UTF_8), in, "penalties.csv",
            new IngestJob.Listener() {
              @Override
              public void rejected(SourceRow row, List<RowProblem> problems) {}

              @Override
              public void progress(IngestProgress p) {
                if (p.done() || p.batches() % 5 == 0) {
                  out.printf("  %,d rows stored%n", p.stored());
                  out.flush();
                }
              }
            });
      }
      Path file = dir.resolve("package.zip");
      PackageWriter.Request request = new PackageWriter.Request(new PackageScope(Optional.empty(),
          Optional.of(INDUSTRY), Optional.of(DISTRICT), Set.of(), LocalDate.now()), "bench", "benchmark");
      long start = System.nanoTime();
      PackageSummary summary;
      try (OutputStream stream = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        summary = node.packages().export(request, stream);
      }
      double exportSeconds = (System.nanoTime() - start) / 1e9;
      out.printf("exported %,d records (%,d bytes) in %.2f s%n", summary.records(), summary.bytes(), exportSeconds);
      List<Double> verifySeconds = new ArrayList<>();
      boolean intact = true;
      for (int i = 0; i < verifications; i++) {
        long began = System.nanoTime();
        PackageVerification v = PackageVerifier.verify(file, nodes.rootCertificate());
        verifySeconds.add((System.nanoTime() - began) / 1e9);
        intact &= v.intact() && v.verified() == summary.records();
        out.printf("verification %d: %.2f s (%s)%n", i + 1, verifySeconds.get(i), v.intact() ? "verified" : "FAILED");
      }
      return new Result(summary.records(), summary.bytes(), exportSeconds, verifySeconds,
          Runtime.getRuntime().availableProcessors(), intact);
    }
  }
}
