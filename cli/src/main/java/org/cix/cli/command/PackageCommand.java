package org.cix.cli.command;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cix.core.pack.PackageVerification;
import org.cix.core.pack.PackageVerifier;
import org.cix.crypto.pki.TrustedRoots;
import org.cix.proto.v1.ExportPackageRequest;
import org.cix.proto.v1.PackageExported;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cix package}: standardised credit data packages, exported by a node and verified offline. */
@Command(name = "package", mixinStandardHelpOptions = true,
    description = "Credit data packages: one file with a subject's (or an industry's) records, each with its "
        + "origin's seal, proof and certificate chain, a summary page, and a manifest signed by the exporting node; "
        + "anyone with the national root certificate verifies it offline.",
    subcommands = {PackageCommand.Export.class, PackageCommand.Verify.class})
public final class PackageCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Exports a package from a running node (sharing, grants and masking as for a query; audited).")
  static final class Export extends NodeCall {
    @Option(names = "--subject", paramLabel = "ID", description = "The subject (USCC or ID number).")
    String subject = "";

    @Option(names = "--industry", paramLabel = "CODE",
        description = "A GB/T 4754 industry (C, C30, C3011): the records this node holds of it, and its policy notices.")
    String industry = "";

    @Option(names = "--region", paramLabel = "PREFIX", description = "With --industry: subjects registered in this "
        + "GB/T 2260 region (e.g. 1101).")
    String region = "";

    @Option(names = "--types", split = ",", paramLabel = "TYPE", description = "Record types; default: all.")
    List<String> types = new ArrayList<>();

    @Option(names = "--as-of", paramLabel = "DATE", description = "The day whose standing the summary shows; "
        + "default: today.")
    String asOf = "";

    @Option(names = "--purpose", required = true, paramLabel = "TEXT", description = "Why; in the manifest, audited.")
    String purpose;


    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The package file to write (.zip).")
    Path out;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "How long the export may take; default "
        + "${DEFAULT-VALUE}.")
    Duration timeout = Duration.ofMinutes(30);

    @Override
    public Integer call() throws java.io.IOException {
      ExportPackageRequest request = ExportPackageRequest.newBuilder().setSubjectId(subject).setIndustry(industry)
          .setRegion(region).addAllTypes(types).setAsOf(asOf).setPurpose(purpose).setAskedBy(RunningNode.USER).build();
      PrintWriter print = out();
      PackageExported done = OutputFiles.writeAtomically(out, file ->
          node.ask(client -> client.exportPackage(request, file, timeout, new BytesProgress(print))));
      out().printf("wrote %s: %s of %s (%,d masked), %s, %s, %s%s%n", out,
          TextTable.count(done.getRecords(), "record", "records"), TextTable.count(done.getSubjects(), "subject",
          "subjects"), done.getMasked(), TextTable.count(done.getSeals(), "seal", "seals"),
          TextTable.count(done.getCertificates(), "certificate", "certificates"),
          TextTable.count(done.getBytes(), "byte", "bytes"), done.getLeftOut() == 0 ? ""
              : "; " + TextTable.count(done.getLeftOut(), "record", "records")
                  + " left out: their seal or certificate is not held here");
      return 0;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Verifies a package offline: the manifest's signature, every file, seal, proof and certificate "
          + "chain, and that each readable record says what its sealed bytes say. Exit 1 naming each failure.")
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The package.")
    Path file;

    @Option(names = "--root", required = true, paramLabel = "FILE",
        description = "The national root certificate(s) (PEM), e.g. root.crt of any node directory.")
    Path root;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
      List<X509Certificate> roots = TrustedRoots.read(root);
      PackageVerification v = PackageVerifier.verify(file, roots);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(json(v));
      } else {
        print(v, out);
      }
      return v.intact() ? 0 : 1;
    }
  }

  static void print(PackageVerification v, PrintWriter out) {
    out.printf("package of %s, exported by %s on %s for: %s%n", v.scope(), v.exporter(), v.createdAt(), v.purpose());
    out.println(v.signatureProblem().isEmpty() ? "manifest: signed by " + v.exporter() + " (certificate valid under "
        + "the root)" : "manifest: NOT VERIFIED: " + v.signatureProblem());
    v.fileProblems().forEach((name, why) -> out.printf("file %s: %s%n", name, why));
    v.sealProblems().forEach(p -> out.println(p));
    out.printf("records: %,d; verified %,d; masked %,d (place in the origin's seal verified, fields masked); "
        + "failed %,d%n", v.records(), v.verified(), v.masked(), v.problems().size());
    for (PackageVerification.RecordProblem p : v.problems().subList(0, Math.min(50, v.problems().size()))) {
      out.printf("  line %d, record %s: %s%n", p.line(), p.recordId(), p.reason());
    }
    if (v.problems().size() > 50) {
      out.printf("  ... %,d more%n", v.problems().size() - 50);
    }
    out.println(v.intact() ? "package VERIFIED" : "package NOT VERIFIED");
  }

  static String json(PackageVerification v) {
    JsonObject o = new JsonObject();
    o.addProperty("intact", v.intact());
    o.addProperty("exporter", v.exporter());
    o.addProperty("scope", v.scope());
    o.addProperty("signature_problem", v.signatureProblem());
    JsonObject files = new JsonObject();
    v.fileProblems().forEach(files::addProperty);
    o.add("file_problems", files);
    JsonArray seals = new JsonArray();
    v.sealProblems().forEach(seals::add);
    o.add("seal_problems", seals);
    o.addProperty("records", v.records());
    o.addProperty("verified", v.verified());
    o.addProperty("masked", v.masked());
    JsonArray problems = new JsonArray();
    for (PackageVerification.RecordProblem p : v.problems()) {
      JsonObject problem = new JsonObject();
      problem.addProperty("line", p.line());
      problem.addProperty("record_id", p.recordId());
      problem.addProperty("reason", p.reason());
      problems.add(problem);
    }
    o.add("problems", problems);
    return o.toString();
  }
}
