package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.OriginTotal;
import org.cix.proto.v1.SyncLink;
import org.cix.proto.v1.SyncOverview;
import org.cix.proto.v1.VersionsMissing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cix sync}: the exchange with neighbours. */
@Command(name = "sync", mixinStandardHelpOptions = true, description = "The exchange of records with neighbours.",
    subcommands = SyncCommand.Status.class)
public final class SyncCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Per link: state, cursors both ways, backlog, records sent and received, throughput over the "
          + "last minute, last error; then the versions held per origin node, and those an origin's last report "
          + "says it made that this node does not hold.")
  static final class Status extends NodeAnswer {
    @Override
    public Integer call() throws InvalidProtocolBufferException {
      SyncOverview status = node.ask(AdminClient::syncStatus);
      print(status, (s, out) -> SyncCommand.print(s, System.currentTimeMillis(), out));
      return 0;
    }
  }

  /** The tables of {@code cix sync status}. */
  public static void print(SyncOverview status, long nowMillis, PrintWriter out) {
    out.printf("change log head: %,d%n", status.getHead());
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"PEER", "ROLE", "STATE", "SENT/ACKED", "RECEIVED UP TO", "BACKLOG", "SENT", "RECEIVED",
        "REFUSED", "OUT/S", "IN/S", "LAST ERROR"});
    for (SyncLink link : status.getLinksList()) {
      String error = link.getLastError().isEmpty() ? "-" : link.getLastError()
          + " (" + TextTable.duration(nowMillis - link.getLastErrorMillis()) + " ago)";
      rows.add(new String[] {link.getPeerNodeId(), TextTable.word(link.getPeerRole(), "LINK_ROLE_"),
          TextTable.word(link.getState(), "LINK_STATE_"), Long.toString(link.getSentAcked()),
          Long.toString(link.getReceived()), Long.toString(link.getBacklog()), Long.toString(link.getRecordsSent()),
          Long.toString(link.getRecordsReceived()), Long.toString(link.getRefused()),
          String.format("%.1f", link.getSentPerSecond()), String.format("%.1f", link.getReceivedPerSecond()), error});
    }
    TextTable.print(rows, out);
    List<String[]> origins = new ArrayList<>();
    origins.add(new String[] {"ORIGIN", "VERSIONS"});
    for (OriginTotal origin : status.getOriginsList()) {
      origins.add(new String[] {origin.getOriginNode(), String.format("%,d", origin.getVersions())});
    }
    out.println("versions held per origin:");
    TextTable.print(origins, out);
    if (status.getMissingCount() == 0) {
      out.println("versions missing: none (every origin's last report counts no more than is held here)");
      return;
    }
    List<String[]> missing = new ArrayList<>();
    missing.add(new String[] {"ORIGIN", "TYPE", "MADE THERE", "HELD HERE", "MISSING", "AS OF"});
    for (VersionsMissing m : status.getMissingList()) {
      missing.add(new String[] {m.getOriginNode(), m.getType(), String.format("%,d", m.getReported()),
          String.format("%,d", m.getHeld()), String.format("%,d", m.getReported() - m.getHeld()),
          "report " + TextTable.duration(nowMillis - m.getReportedAtMillis()) + " ago"});
    }
    out.println("versions missing (made by their origin by its last report, not held here: dropped on the way or "
        + "refused, see cix stats):");
    TextTable.print(missing, out);
  }
}
