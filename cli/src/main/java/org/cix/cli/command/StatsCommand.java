package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.cix.core.error.CixException;
import org.cix.core.record.ChinaDate;
import org.cix.proto.v1.DayFlow;
import org.cix.proto.v1.ExchangeStats;
import org.cix.proto.v1.LinkFlow;
import org.cix.proto.v1.MonthlyVersions;
import org.cix.proto.v1.OriginLag;
import org.cix.proto.v1.RestrictionCount;
import org.cix.proto.v1.TypeFlow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cix stats}: the exchange of a node, from its ledger and store. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Who sent what to whom: flows per link and direction, per record type and per day, refusals by "
        + "reason, and the time from origin seal to arrival here per origin (p50, p99, max).")
public final class StatsCommand extends NodeAnswer {
  @Option(names = "--since", paramLabel = "DATE", description = "From this day (yyyy-MM-dd, Beijing); default: all.")
  String since;

  @Override
  public Integer call() throws InvalidProtocolBufferException {
    long sinceMillis = since == null ? 0 : day(since);
    ExchangeStats stats = node.ask(client -> client.stats(sinceMillis));
    print(stats, StatsCommand::print);
    return 0;
  }

  static long day(String text) {
    try {
      return LocalDate.parse(text).atStartOfDay(ChinaDate.ZONE).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw CixException.invalidInput("--since: expected a date yyyy-MM-dd, got '" + text + "'");
    }
  }

  /** The tables of {@code cix stats}. */
  public static void print(ExchangeStats stats, PrintWriter out) {
    flows(stats, out);
    if (stats.getRestrictionsCount() > 0) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"REGION", "TYPE", "RECORDS", "SUBJECTS"});
      for (RestrictionCount r : stats.getRestrictionsList()) {
        rows.add(new String[] {r.getRegion() + " " + r.getRegionName(), r.getType(),
            String.format("%,d", r.getRecords()), String.format("%,d", r.getSubjects())});
      }
      out.println("\nrestrictions in force today (records held here that trigger a joint punishment), by the "
          + "subjects' registration:");
      TextTable.print(rows, out);
    } else {
      out.println("\nrestrictions in force today: none (no record held here triggers a joint punishment)");
    }
    if (stats.getMonthlyCount() > 0) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"MONTH", "SOURCE DEPARTMENT", "VERSIONS"});
      for (MonthlyVersions m : stats.getMonthlyList()) {
        rows.add(new String[] {m.getMonth(), (m.getDepartmentName() + " " + m.getDepartment()).trim(),
            String.format("%,d", m.getVersions())});
      }
      out.println("\nversions held here per source department and month they were made in:");
      TextTable.print(rows, out);
    } else {
      out.println("\nversions per source department and month: none counted yet");
    }
  }

  private static void flows(ExchangeStats stats, PrintWriter out) {
    if (stats.getLinksCount() == 0) {
      out.println("nothing exchanged" + (stats.getSinceMillis() == 0 ? "" : " since "
          + TextTable.beijing(stats.getSinceMillis())));
      return;
    }
    List<String[]> links = new ArrayList<>();
    links.add(new String[] {"PEER", "DIRECTION", "BUNDLES", "RECORDS", "BYTES", "ACCEPTED", "DUPLICATES", "CONFLICTS",
        "REFUSED", "LAG MEAN", "LAG MAX"});
    for (LinkFlow f : stats.getLinksList()) {
      boolean received = f.getDirection().equals("received");
      links.add(new String[] {f.getPeer(), f.getDirection(), String.format("%,d", f.getBundles()),
          String.format("%,d", f.getItems()), String.format("%,d", f.getBytes()), String.format("%,d", f.getAccepted()),
          String.format("%,d", f.getDuplicates()), String.format("%,d", f.getConflicts()),
          String.format("%,d", f.getRefused()), received ? TextTable.duration(f.getLagMeanMillis()) : "-",
          received ? TextTable.duration(f.getLagMaxMillis()) : "-"});
    }
    out.println("per link:");
    TextTable.print(links, out);
    List<String[]> types = new ArrayList<>();
    types.add(new String[] {"DIRECTION", "TYPE", "RECORDS"});
    for (TypeFlow t : stats.getTypesList()) {
      types.add(new String[] {t.getDirection(), t.getType(), String.format("%,d", t.getItems())});
    }
    out.println("\nper record type:");
    TextTable.print(types, out);
    List<String[]> days = new ArrayList<>();
    days.add(new String[] {"DAY", "DIRECTION", "RECORDS"});
    for (DayFlow d : stats.getDaysList()) {
      days.add(new String[] {d.getDay(), d.getDirection(), String.format("%,d", d.getItems())});
    }
    out.println("\nper day (Beijing):");
    TextTable.print(days, out);
    if (stats.getRefusalsCount() > 0) {
      List<String[]> refusals = new ArrayList<>();
      refusals.add(new String[] {"REASON", "RECORDS"});
      new java.util.TreeMap<>(stats.getRefusalsMap()).forEach((reason, n) ->
          refusals.add(new String[] {reason, String.format("%,d", n)}));
      out.println("\nrefused on receipt:");
      TextTable.print(refusals, out);
    } else {
      out.println("\nrefused on receipt: none");
    }
    if (stats.getLagsCount() > 0) {
      List<String[]> lags = new ArrayList<>();
      lags.add(new String[] {"ORIGIN", "VERSIONS", "P50", "P99", "MAX"});
      for (OriginLag l : stats.getLagsList()) {
        lags.add(new String[] {l.getOrigin(), String.format("%,d", l.getVersions()),
            TextTable.duration(l.getP50Millis()), TextTable.duration(l.getP99Millis()),
            TextTable.duration(l.getMaxMillis())});
      }
      out.println("\nfrom origin seal to arrival here:");
      TextTable.print(lags, out);
    } else {
      out.println("\nfrom origin seal to arrival here: no versions received from other origins");
    }
  }
}
