package org.cix.cli.command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.cix.core.record.RecordFields;
import org.cix.proto.v1.ProfileRecord;
import org.cix.proto.v1.SubjectProfile;
import org.cix.proto.v1.UnansweredNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cix subject show}: what a node holds about one subject. */
@Command(name = "subject", mixinStandardHelpOptions = true, description = "Subjects (enterprises, persons).",
    subcommands = SubjectCommand.Show.class)
public final class SubjectCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Every current record about a subject, grouped by type: status, source department, origin, "
          + "publicity window and whether its seal verifies.")
  static final class Show extends NodeAnswer {
    @Parameters(paramLabel = "ID", description = "USCC or resident ID number.")
    String id;

    @Override
    public Integer call() throws Exception {
      SubjectProfile profile = node.ask(client -> client.subject(id));
      print(profile, SubjectCommand::print);
      return profile.getRejection().isEmpty() ? 0 : 1;
    }
  }

  public static void print(SubjectProfile profile, PrintWriter out) {
    if (!profile.getRejection().isEmpty()) {
      out.printf("%s is not a valid identifier (%s)%n", profile.getSubjectId(), profile.getRejection());
      return;
    }
    out.printf("subject  %s %s (%s)%n", profile.getSubjectId(), profile.getName(),
        profile.getKind().equals("USCC") ? "统一社会信用代码" : "居民身份证号码");
    out.printf("answered by  %s%n", answeredBy(profile.getAnsweredByList(), profile.getUnansweredList(),
        profile.getComplete()));
    if (profile.getWithheldTypesCount() > 0) {
      out.printf("withheld     %s (no grant for this node)%n", String.join(", ", profile.getWithheldTypesList()));
    }
    if (profile.getRecordsCount() == 0) {
      out.println("no records on this node");
      return;
    }
    String type = "";
    for (ProfileRecord record : profile.getRecordsList()) {
      if (!record.getType().equals(type)) {
        type = record.getType();
        long count = profile.getRecordsList().stream().filter(r -> r.getType().equals(record.getType())).count();
        out.printf("%n%s %s (%d)%n", record.getTypeLabel(), record.getType(), count);
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"  record", record.getRecordId() + " v" + record.getVersion() + "  " + status(record)
          + (record.getPublicNow() ? ", public" : ", not public now")});
      String what = summary(record);
      if (!what.isEmpty()) {
        rows.add(new String[] {"  what", what});
      }
      rows.add(new String[] {"  publicity", record.getPublicityFrom() + " .. "
          + (record.getPublicityUntil().isEmpty() ? "(open)" : record.getPublicityUntil())});
      String source = (field(record, "source_unit") + " " + record.getSourceDepartment()).trim();
      if (!source.isEmpty()) {
        rows.add(new String[] {"  source", source});
      }
      rows.add(new String[] {"  origin", record.getOriginNode() + ", seal " + record.getSealCheck()});
      TextTable.print(rows, out);
    }
  }

  /** "bj-chaoyang, bj, cn (complete)", or who did not answer in time and that the answer is partial. */
  /** The record's status, and the objection under way against it if there is one. */
  static String status(ProfileRecord record) {
    return record.getStatus() + (record.getObjection().isEmpty() ? "" : ", under objection " + record.getObjection());
  }

  static String answeredBy(List<String> nodes, List<UnansweredNode> unanswered, boolean complete) {
    StringBuilder text = new StringBuilder(String.join(", ", nodes));
    for (UnansweredNode node : unanswered) {
      text.append("; ").append(node.getNode()).append(" did not answer (").append(node.getReason()).append(')');
    }
    text.append(complete ? " (complete)" : " (partial: records held only elsewhere may be missing)");
    return text.toString();
  }

  private static String summary(ProfileRecord record) {
    for (String key : new String[] {"decision_number", "decision_doc_number", "listing_doc_number", "award_doc_number",
        "case_number", "commitment_type", "rating_system"}) {
      String value = field(record, key);
      if (!value.isEmpty()) {
        String detail = firstOf(record, "penalty_category", "licence_category", "listing_reason", "honour",
            "obligation", "matter", "grade");
        return value + (detail.isEmpty() ? "" : "  " + detail);
      }
    }
    String measures = field(record, "measures");
    if (!measures.isEmpty()) {
      // feedback of a measure applied (联合奖惩实施反馈): what, for which action, by whom
      return measures + "  " + field(record, "action") + " by " + field(record, "applied_by");
    }
    return "";
  }

  private static String firstOf(ProfileRecord record, String... keys) {
    for (String key : keys) {
      String value = field(record, key);
      if (!value.isEmpty()) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
      }
    }
    return "";
  }

  private static String field(ProfileRecord record, String key) {
    return RecordFields.field(record.getFieldsList(), key).orElse("");
  }
}
