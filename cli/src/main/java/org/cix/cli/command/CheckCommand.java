package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.cix.proto.v1.AppliedMeasure;
import org.cix.proto.v1.CheckFinding;
import org.cix.proto.v1.CheckRequest;
import org.cix.proto.v1.CheckResult;
import org.cix.proto.v1.ProfileRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cix check}: does a joint punishment or reward apply to a subject for an action. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Applies the joint reward and punishment measures to a subject and an action: RESTRICT, "
        + "INCENTIVE or NONE, with every record behind the decision (measure, its class and legal basis, deciding "
        + "department, origin node, publicity window, seal check; for a person, also the records of the "
        + "enterprises they represent where the measure reaches them) and the records that no longer count, "
        + "with why. "
        + "The check is recorded with who asked and why.")
public final class CheckCommand extends NodeAnswer {
  @Option(names = "--action", required = true, paramLabel = "ACTION",
      description = "What is about to be done, e.g. public-procurement.bid, government-funding.apply, "
          + "bond-issuance, executive-appointment, high-consumption, administrative-approval.fast-track, "
          + "administrative-approval.by-commitment, regulatory-inspection.plan, bank-credit.grant.")
  String action;


  @Option(names = "--purpose", paramLabel = "TEXT", description = "Why; recorded. Default: ${DEFAULT-VALUE}.")
  String purpose = "联合奖惩核查 joint discipline check";

  @Parameters(paramLabel = "SUBJECT_ID", description = "USCC or resident ID number.")
  String subject;

  @Override
  public Integer call() throws InvalidProtocolBufferException {
    CheckResult result = node.ask(client -> client.check(CheckRequest.newBuilder().setSubjectId(subject)
        .setAction(action).setAsker(RunningNode.USER).setPurpose(purpose).build()));
    print(result, CheckCommand::print);
    return 0;
  }

  /** The text of {@code cix check}. */
  public static void print(CheckResult result, PrintWriter out) {
    String decision = TextTable.word(result.getDecision(), "DECISION_").toUpperCase(java.util.Locale.ROOT);
    List<String[]> head = new ArrayList<>();
    head.add(new String[] {"subject", result.getSubjectId() + " " + result.getName()});
    head.add(new String[] {"action", result.getAction()});
    head.add(new String[] {"decision", decision + switch (result.getDecision()) {
      case DECISION_RESTRICT -> "  限制 (a joint punishment applies)";
      case DECISION_INCENTIVE -> "  激励 (a joint reward applies)";
      default -> "  (no measure applies)";
    }});
    head.add(new String[] {"answered by", SubjectCommand.answeredBy(result.getAnsweredByList(),
        result.getUnansweredList(), result.getComplete())});
    head.add(new String[] {"as of", TextTable.beijing(result.getAsOfMillis()) + " Beijing time, measures "
        + result.getMeasuresVersion().substring(0, 12)});
    TextTable.print(head, out);
    for (CheckFinding finding : result.getFindingsList()) {
      ProfileRecord record = finding.getRecord();
      out.printf("%n%s %s %s v%d%n", finding.getApplies() ? "applies:" : "lapsed: ", record.getTypeLabel(),
          record.getRecordId(), record.getVersion());
      List<String[]> rows = new ArrayList<>();
      if (finding.getViaRelation().equals("legal-representative")) {
        rows.add(new String[] {"  through", "法定代表人 of " + finding.getVia() + " (the record is about the enterprise "
            + "the subject represents)"});
      } else if (!finding.getVia().isEmpty()) {
        rows.add(new String[] {"  through", "its 法定代表人 " + finding.getVia() + " (the record is "
            + "about the person who represents the subject)"});
      }
      if (!finding.getApplies()) {
        rows.add(new String[] {"  why not", finding.getLapsed()});
      }
      for (AppliedMeasure measure : finding.getMeasuresList()) {
        rows.add(new String[] {"  measure", measure.getName() + " (" + measure.getKind() + ", " + measure.getId() + ")"});
        rows.add(new String[] {"  class", measure.getClassLabel() + " (" + measure.getMeasureClass() + ")"});
        rows.add(new String[] {"  legal basis", measure.getLegalBasis()});
        rows.add(new String[] {"  listed in", measure.getBasis() + " " + measure.getDocument()});
        rows.add(new String[] {"  applied by", String.join(", ", measure.getDepartmentsList())});
      }
      rows.add(new String[] {"  decided by", finding.getDecidedBy()});
      rows.add(new String[] {"  origin", record.getOriginNode() + ", seal " + record.getSealCheck()});
      rows.add(new String[] {"  publicity", record.getPublicityFrom() + " .. "
          + (record.getPublicityUntil().isEmpty() ? "(open)" : record.getPublicityUntil()) + ", "
          + SubjectCommand.status(record)});
      TextTable.print(rows, out);
    }
  }
}
