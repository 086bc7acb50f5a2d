package org.cix.cli.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.cix.cli.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cix report}: the node's exchange as one self-contained HTML page with pictures. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Writes one self-contained HTML file (no scripts, fonts or fetches): the federation as this node "
        + "sees it with flow volumes as line widths, exchange per day, refusals by reason, restrictions in force by "
        + "region, data-quality problems per department, and arrival times per origin.")
public final class ReportCommand extends NodeCall {
  @Option(names = "--since", paramLabel = "DATE", description = "Exchange from this day (yyyy-MM-dd, Beijing); "
      + "default: all.")
  String since;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
  Path out;

  @Override
  public Integer call() throws java.io.IOException {
    long sinceMillis = since == null ? 0 : StatsCommand.day(since);
    HtmlReport.Data data = node.ask(client -> new HtmlReport.Data(client.status(), client.syncStatus(),
        client.stats(sinceMillis), client.quality().departments(), client.federation(), Instant.now()));
    byte[] html = HtmlReport.html(data).getBytes(StandardCharsets.UTF_8);
    OutputFiles.writeAtomically(out, file -> {
      file.write(html);
      return null;
    });
    out().printf("wrote %s (%,d bytes)%n", out, html.length);
    return 0;
  }
}
