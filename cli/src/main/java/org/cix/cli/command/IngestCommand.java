package org.cix.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.cix.cli.node.NodeAdmin;
import org.cix.core.error.CixException;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.IngestProgress;
import org.cix.proto.v1.IngestStart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cix ingest}: stream a department export into a running node. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Ingest a department export (CSV in UTF-8 or GBK, or JSON Lines) into a running node.",
        "Rows are checked and standardised by the node; accepted rows are sealed and stored, every rejected row is "
            + "written to FILE.rejects.csv and FILE.rejects.json with its row, field, reason code and message."})
public final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigFile.DEFAULT,
      description = ConfigFile.HELP)
  Path config;

  @Option(names = "--type", paramLabel = "TYPE", description = "Record type (catalog id); may come from the mapping.")
  String type;

  @Option(names = "--mapping", required = true, paramLabel = "MAPPING.yaml", description = "Column mapping.")
  Path mapping;

  @Option(names = "--rejects", paramLabel = "PREFIX",
      description = "Where to write the reject report (default: the export's path).")
  Path rejects;

  @Option(names = "--timeout", defaultValue = "3600", description = "Seconds the whole ingest may take (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Parameters(paramLabel = "FILE", description = "The export to ingest.")
  Path file;

  @Override
  public Integer call() throws IOException {
    String mappingYaml;
    try {
      mappingYaml = Files.readString(mapping, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CixException.invalidInput(mapping + ": mapping file not found");
    }
    if (!Files.isRegularFile(file)) {
      throw CixException.invalidInput(file + ": no such file");
    }
    Path prefix = rejects == null ? file : rejects;
    PrintWriter out = spec.commandLine().getOut();
    ProgressLine progressLine = new ProgressLine(out, Files.size(file));
    IngestProgress done;
    try (AdminClient client = NodeAdmin.connect(config, Duration.ofSeconds(10));
        RejectReport report = RejectReport.open(prefix);
        InputStream in = Files.newInputStream(file)) {
      IngestStart start = IngestStart.newBuilder().setFileName(file.getFileName().toString())
          .setMappingName(mapping.getFileName().toString()).setMappingYaml(mappingYaml)
          .setType(type == null ? "" : type).build();
      done = client.ingest(start, in, report::add, progressLine::update, Duration.ofSeconds(timeoutSeconds));
      out.printf("%s: %,d rows: %,d new, %,d updated, %,d unchanged, %,d rejected (%.1f s, %,.0f rows/s)%n",
          file.getFileName(), done.getRows(), done.getCreated(), done.getUpdated(), done.getUnchanged(),
          done.getRejected(), progressLine.seconds(), done.getRows() / Math.max(0.001, progressLine.seconds()));
      if (done.getRejected() > 0) {
        out.printf("reject report: %s, %s%n", report.csv(), report.json());
      }
    }
    return 0;
  }

  /** Prints progress at most once a second. */
  private static final class ProgressLine {
    private final PrintWriter out;
    private final long bytes;
    private final long started = System.nanoTime();
    private long lastPrinted = started;

    ProgressLine(PrintWriter out, long bytes) {
      this.out = out;
      this.bytes = bytes;
    }

    void update(IngestProgress p) {
      long now = System.nanoTime();
      if (!p.getDone() && now - lastPrinted >= 1_000_000_000L) {
        lastPrinted = now;
        out.printf("  %,d rows so far (%,d accepted, %,d rejected), %,.0f rows/s%n", p.getRows(),
            p.getCreated() + p.getUpdated() + p.getUnchanged(), p.getRejected(), p.getRows() / seconds());
        out.flush();
      }
    }

    double seconds() {
      return (System.nanoTime() - started) / 1e9;
    }
  }
}
