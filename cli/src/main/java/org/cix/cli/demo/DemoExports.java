package org.cix.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cix.cli.command.RejectReport;
import org.cix.cli.command.QualityCommand;
import org.cix.cli.command.SubjectCommand;
import org.cix.cli.command.TextTable;
import org.cix.core.synthetic.LicenceExports;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.core.synthetic.SyntheticDepartments;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.IngestProgress;
import org.cix.proto.v1.IngestStart;
import org.cix.proto.v1.SubjectProfile;

/**
 * The demo's departments: each district generates a licence and a penalty export (a few bad
 * rows each; Chaoyang's in GBK, as many department systems write) and ingests both through its
 * node's admin API, exactly as `cix ingest` does.
 */
final class DemoExports {
  static final int PENALTIES = 300;
  static final int LICENCES = 150;
  static final double DEFECTS = 0.03;

  private final Path dir;
  private final PrintWriter out;

  DemoExports(Path dir, PrintWriter out) {
    this.dir = dir.resolve("exports");
    this.out = out;
  }

  /** Ingests at every district; returns the rows stored in all. */
  long ingestAtDistricts(List<DemoNode> districts, Map<String, AdminClient> clients) throws IOException {
    Files.createDirectories(dir);
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NODE", "EXPORT", "ENCODING", "ROWS", "NEW", "REJECTED", "REJECT REPORT"});
    long stored = 0;
    for (int i = 0; i < districts.size(); i++) {
      DemoNode district = districts.get(i);
      Charset charset = district.id().equals("bj-chaoyang") ? Charset.forName("GBK") : StandardCharsets.UTF_8;
      Path penalties = dir.resolve(district.id() + "-penalties.csv");
      Path licences = dir.resolve(district.id() + "-licences.csv");
      try (OutputStream file = Files.newOutputStream(penalties)) {
        new PenaltyExports(seed(i), district.jurisdiction(), DEFECTS).write(file, charset, PENALTIES);
      }
      try (OutputStream file = Files.newOutputStream(licences)) {
        new LicenceExports(seed(i), district.jurisdiction(), DEFECTS).write(file, charset, LICENCES);
      }
      AdminClient client = clients.get(district.id());
      registerDepartments(client, district.jurisdiction());
      for (Path export : List.of(licences, penalties)) {
        String mapping = export == penalties ? PenaltyExports.mapping(charset) : LicenceExports.mapping(charset);
        IngestProgress done = ingest(client, export, mapping);
        stored += done.getCreated() + done.getUpdated();
        rows.add(new String[] {district.id(), export.getFileName().toString(), charset.name(),
            Long.toString(done.getRows()), Long.toString(done.getCreated()), Long.toString(done.getRejected()),
            done.getRejected() == 0 ? "-" : dir.getFileName().resolve(export.getFileName() + ".rejects.csv").toString()});
      }
    }
    out.println("departments registered at each district (cix department add), their exports ingested there "
        + "(parsed, checked, sealed, stored):");
    TextTable.print(rows, out);
    return stored;
  }

  /**
   * Registers at a district node the departments its synthetic exports name, as its operator does
   * with `cix department add` before the first ingest; returns how many.
   */
  static int registerDepartments(AdminClient client, String district) {
    List<SyntheticDepartments.Department> departments = SyntheticDepartments.of(district);
    departments.forEach(d -> client.access().registerDepartment(d.uscc(), d.name(), d.types()));
    return departments.size();
  }

  private static IngestProgress ingest(AdminClient client, Path export, String mapping) throws IOException {
    try (RejectReport report = RejectReport.open(export); InputStream in = Files.newInputStream(export)) {
      IngestStart start = IngestStart.newBuilder().setFileName(export.getFileName().toString())
          .setMappingName("demo mapping").setMappingYaml(mapping).build();
      return client.ingest(start, in, report::add, p -> { }, Duration.ofMinutes(5));
    }
  }

  /**
   * Shows the profile of a subject with both a licence and a penalty at {@code district}, as the
   * node {@code askedAt} holds it.
   */
  void showProfile(DemoNode district, int index, String askedAt, AdminClient client) {
    for (int row = 1; row <= 20; row++) {
      String subject = PenaltyExports.subjectOfRow(seed(index), district.jurisdiction(), row);
      SubjectProfile profile = client.subject(subject);
      if (profile.getRecordsList().stream().map(r -> r.getType()).distinct().count() >= 2) {
        out.printf("profile at %s of one subject of %s (cix subject show %s):%n", askedAt, district.id(), subject);
        SubjectCommand.print(profile, out);
        return;
      }
    }
    out.println("(no subject with both a licence and a penalty among the first rows at " + district.id() + ")");
  }

  /**
   * The quality figures per source department at {@code district}, once it has read every
   * version it holds (its change log is followed once a second).
   */
  void showQuality(DemoNode district, AdminClient client) throws InterruptedException {
    long head = client.syncStatus().getHead();
    DemoSync.until(System.nanoTime(), () -> district.id() + " did not count its versions for the quality figures",
        () -> client.quality().departments().getReadUpTo() >= head);
    out.printf("data quality per source department at %s (cix quality departments):%n", district.id());
    QualityCommand.figures(client.quality().departments(), out);
  }

  static long seed(int districtIndex) {
    return 1000 + districtIndex;
  }
}
