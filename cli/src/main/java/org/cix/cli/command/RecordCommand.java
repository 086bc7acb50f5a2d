package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cix.core.record.ChinaDate;
import org.cix.proto.v1.ProfileRecord;
import org.cix.proto.v1.RecordHistory;
import org.cix.proto.v1.Resealed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cix record history}: how one record evolved and how each version reached this node;
 * {@code cix record reseal}: the node's own records sealed anew under its key in force.
 */
@Command(name = "record", mixinStandardHelpOptions = true, description = "Credit records.",
    subcommands = {RecordCommand.History.class, RecordCommand.Reseal.class})
public final class RecordCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "history", mixinStandardHelpOptions = true,
      description = "Every version of a record held by the node, oldest first: status, why it was made, origin "
          + "and when, when it arrived here and through which nodes, and whether its seal verifies.")
  static final class History extends NodeAnswer {
    @Parameters(paramLabel = "RECORD_ID", description = "32 hexadecimal characters (as `cix subject show` prints).")
    String recordId;

    @Override
    public Integer call() throws InvalidProtocolBufferException {
      RecordHistory history = node.ask(client -> client.history(recordId));
      if (!output.json && history.getVersionsCount() == 0) {
        out().println("record " + recordId + ": not held by this node");
        return 1;
      }
      print(history, RecordCommand::print);
      return 0;
    }
  }

  @Command(name = "reseal", mixinStandardHelpOptions = true,
      description = "Seal this node's own current records anew under its sealing key in force, as new versions "
          + "with the same fields and status, sent like any other: after a key compromise, for the records sealed "
          + "since the compromise time (--sealed-since); or to have everything proven by the new key. Records "
          + "sealed under the key in force are left alone.")
  static final class Reseal extends NodeCall {
    @Option(names = "--sealed-since", paramLabel = "INSTANT",
        description = "Only versions sealed at or after this time (ISO-8601, e.g. 2026-12-01T08:00:00Z).")
    Instant sealedSince;

    @Override
    public Integer call() {
      String by = System.getProperty("user.name", "unknown");
      Resealed done = node.ask(client -> client.trust().reseal(Optional.ofNullable(sealedSince), by));
      out().printf("resealed %,d of %,d own current versions examined%n", done.getResealed(),
          done.getExamined());
      return 0;
    }
  }

  /** The table of {@code cix record history}. */
  public static void print(RecordHistory history, PrintWriter out) {
    ProfileRecord first = history.getVersions(0);
    out.printf("record %s: %s %s, %d version(s)%n", history.getRecordId(), first.getTypeLabel(), first.getType(),
        history.getVersionsCount());
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"VERSION", "STATUS", "REASON", "NOTE", "ORIGIN", "MADE", "ARRIVED HERE", "PATH", "SEAL"});
    for (ProfileRecord v : history.getVersionsList()) {
      String route = v.getViaNode().isEmpty() ? "ingested here" : path(v);
      rows.add(new String[] {"v" + v.getVersion(), SubjectCommand.status(v), v.getReason(), v.getReasonNote(),
          v.getOriginNode(),
          TextTable.beijing(v.getCreatedAtMillis()),
          TextTable.beijing(v.getReceivedAtMillis()), route, v.getSealCheck()});
    }
    TextTable.print(rows, out);
  }

  /** The nodes the version passed, each with when it was stored there when known: "bj-chaoyang 16:02:12.100 > ...". */
  static String path(ProfileRecord v) {
    List<String> hops = new ArrayList<>();
    for (int i = 0; i < v.getHopsCount(); i++) {
      hops.add(v.getHopsCount() == v.getHopTimesCount() ? v.getHops(i) + " " + time(v.getHopTimes(i))
          : v.getHops(i));
    }
    hops.add("here" + (v.getHopsCount() == v.getHopTimesCount() ? " " + time(v.getReceivedAtMillis()) : ""));
    return String.join(" > ", hops);
  }

  private static String time(long epochMillis) {
    return java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
        .format(java.time.Instant.ofEpochMilli(epochMillis).atZone(ChinaDate.ZONE));
  }
}
