package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cix.proto.v1.DepartmentFigures;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.ListQualityRequest;
import org.cix.proto.v1.QualityFigures;
import org.cix.proto.v1.QualityIssueInfo;
import org.cix.proto.v1.QualityIssues;
import org.cix.proto.v1.ResolveQualityRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cix quality}: the data-quality queue per source department. */
@Command(name = "quality", mixinStandardHelpOptions = true,
    description = "The data-quality queue: rows refused at ingest, records refused from links, conflicts between "
        + "sources and enterprises named differently by different records, per source department; resolving an "
        + "issue about a record corrects it at its origin (here, or by an objection sent there).",
    subcommands = {QualityCommand.ListIssues.class, QualityCommand.Show.class, QualityCommand.Resolve.class,
        QualityCommand.Departments.class})
public final class QualityCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Issues, the latest first.")
  static final class ListIssues extends NodeAnswer {
    @Option(names = "--open", description = "Only those not resolved yet.")
    boolean open;

    @Option(names = "--department", paramLabel = "USCC", description = "Only this source department's.")
    String department = "";

    @Override
    public Integer call() throws InvalidProtocolBufferException {
      QualityIssues issues = node.ask(client -> client.quality().list(ListQualityRequest.newBuilder()
          .setOpenOnly(open).setDepartment(department).build()));
      print(issues, QualityCommand::table);
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One issue with its detail.")
  static final class Show extends NodeAnswer {
    @Parameters(paramLabel = "ID", description = "The issue's id (cix quality list).")
    long id;

    @Override
    public Integer call() throws InvalidProtocolBufferException {
      print(node.ask(client -> client.quality().show(id)), QualityCommand::details);
      return 0;
    }
  }

  @Command(name = "resolve", mixinStandardHelpOptions = true,
      description = "Resolves an issue: about a record this node made, with --set a corrected version is made here; "
          + "about a record another node made, an objection is sent to that origin; about a row, the note is kept.")
  static final class Resolve extends NodeAnswer {
    @Parameters(paramLabel = "ID", description = "The issue's id.")
    long id;

    @Option(names = "--note", required = true, paramLabel = "TEXT", description = "What was done, or what is wrong.")
    String note;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "A corrected field, by catalog key (repeat).")
    Map<String, String> corrections = new LinkedHashMap<>();


    @Override
    public Integer call() throws InvalidProtocolBufferException {
      ResolveQualityRequest.Builder request = ResolveQualityRequest.newBuilder().setId(id).setNote(note)
          .setResolvedBy(RunningNode.USER);
      corrections.forEach((k, v) -> request.addCorrections(Field.newBuilder().setKey(k).setValue(v)));
      print(node.ask(client -> client.quality().resolve(request.build())), QualityCommand::details);
      return 0;
    }
  }

  @Command(name = "departments", mixinStandardHelpOptions = true,
      description = "Per source department: record versions held, refused by reason, conflicts, name mismatches, "
          + "open issues and the median time to fix.")
  static final class Departments extends NodeAnswer {
    @Override
    public Integer call() throws InvalidProtocolBufferException {
      QualityFigures figures = node.ask(client -> client.quality().departments());
      print(figures, QualityCommand::figures);
      return 0;
    }
  }

  static void table(QualityIssues issues, PrintWriter out) {
    if (issues.getIssuesCount() == 0) {
      out.println("no quality issues");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "AT", "KIND", "REASON", "DEPARTMENT", "SUBJECT", "STATE", "DETAIL"});
    for (QualityIssueInfo i : issues.getIssuesList()) {
      rows.add(new String[] {Long.toString(i.getId()), TextTable.beijing(i.getAtMillis()), i.getKind(),
          i.getReasonCode(), department(i.getDepartment(), i.getDepartmentName()), i.getSubjectId(),
          i.getResolvedAtMillis() == 0 ? "open" : "resolved", shorten(i.getDetail())});
    }
    TextTable.print(rows, out);
  }

  static void details(QualityIssueInfo i, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"issue", i.getId() + " " + i.getKind() + " (" + i.getReasonCode() + ")"});
    rows.add(new String[] {"at", TextTable.beijing(i.getAtMillis()) + " Beijing time, from " + i.getSource()});
    rows.add(new String[] {"department", department(i.getDepartment(), i.getDepartmentName())});
    if (!i.getRecordId().isEmpty()) {
      rows.add(new String[] {"record", i.getRecordId()});
    }
    if (!i.getSubjectId().isEmpty()) {
      rows.add(new String[] {"subject", i.getSubjectId()});
    }
    rows.add(new String[] {"detail", i.getDetail()});
    rows.add(new String[] {"state", i.getResolvedAtMillis() == 0 ? "open"
        : "resolved " + TextTable.beijing(i.getResolvedAtMillis()) + " by " + i.getResolvedBy()});
    if (i.getResolvedAtMillis() != 0) {
      rows.add(new String[] {"resolution", i.getResolution()});
    }
    TextTable.print(rows, out);
  }

  /** The text of {@code cix quality departments}. */
  public static void figures(QualityFigures figures, PrintWriter out) {
    if (figures.getDepartmentsCount() == 0) {
      out.println("no records or issues from any department yet");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"DEPARTMENT", "RECEIVED", "REFUSED", "BY REASON", "CONFLICTS", "NAME MISMATCHES", "OPEN",
        "MEDIAN TIME TO FIX"});
    for (DepartmentFigures d : figures.getDepartmentsList()) {
      long refused = d.getRefusedByReasonMap().values().stream().mapToLong(Long::longValue).sum();
      rows.add(new String[] {department(d.getDepartment(), d.getName()), String.format("%,d", d.getReceived()),
          String.format("%,d", refused), d.getRefusedByReasonMap().entrySet().stream().sorted(Map.Entry.comparingByKey())
              .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
          Long.toString(d.getConflicts()), Long.toString(d.getNameMismatches()), Long.toString(d.getOpen()),
          d.getMedianTimeToFixMillis() == 0 ? "-" : TextTable.duration(d.getMedianTimeToFixMillis())});
    }
    TextTable.print(rows, out);
  }

  private static String department(String uscc, String name) {
    if (uscc.isEmpty()) {
      return "(no source department named)";
    }
    return name.isEmpty() ? uscc : name + " " + uscc;
  }

  private static String shorten(String text) {
    return text.codePointCount(0, text.length()) <= 60 ? text
        : text.substring(0, text.offsetByCodePoints(0, 59)) + "…";
  }
}
