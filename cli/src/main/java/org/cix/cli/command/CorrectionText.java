package org.cix.cli.command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.cix.proto.v1.CorrectionInfo;
import org.cix.proto.v1.CorrectionList;

/** The text of objections and repair requests, as {@code cix objection} and {@code cix repair} print them. */
final class CorrectionText {
  private CorrectionText() {}

  static void table(CorrectionList list, PrintWriter out) {
    if (list.getCorrectionsCount() == 0) {
      out.println("no requests known at this node");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "KIND", "STATE", "RECORD", "SUBJECT", "ORIGIN (DECIDES)", "FILED AT", "FILED",
        "DUE"});
    for (CorrectionInfo c : list.getCorrectionsList()) {
      rows.add(new String[] {c.getId(), c.getKind(), state(c), c.getRecordId(), c.getSubjectId(),
          c.getOriginNode() + (c.getDecidedHere() ? " (here)" : ""), c.getFilingNode(), c.getFiledOn(), c.getDueOn()});
    }
    TextTable.print(rows, out);
  }

  static void details(CorrectionInfo c, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"request", c.getId() + " (" + c.getKind() + ")"});
    rows.add(new String[] {"state", state(c)});
    rows.add(new String[] {"record", c.getRecordId() + " " + c.getRecordType()});
    rows.add(new String[] {"subject", c.getSubjectId()});
    rows.add(new String[] {"decided by", "node " + c.getOriginNode() + ", the record's origin"
        + (c.getDecidedHere() ? " (this node)" : "")});
    rows.add(new String[] {"filed", c.getFiledOn() + " at " + c.getFilingNode() + " by " + c.getFiledBy()});
    rows.add(new String[] {"due", c.getDueOn()});
    rows.add(new String[] {"reason", c.getReason()});
    if (!c.getEvidence().isEmpty()) {
      rows.add(new String[] {"evidence", c.getEvidence()});
    }
    if (!c.getConditions().isEmpty()) {
      rows.add(new String[] {"conditions", c.getConditions()});
    }
    if (!c.getContact().isEmpty()) {
      rows.add(new String[] {"contact", c.getContact()});
    }
    if (!c.getDecidedOn().isEmpty()) {
      rows.add(new String[] {"decision", c.getState() + " on " + c.getDecidedOn() + " by " + c.getDecidedBy()
          + (c.getRecordVersion() == 0 ? "" : ", record now v" + c.getRecordVersion())});
      if (!c.getDecisionNote().isEmpty()) {
        rows.add(new String[] {"note", c.getDecisionNote()});
      }
    }
    TextTable.print(rows, out);
  }

  private static String state(CorrectionInfo c) {
    return c.getState() + (c.getOverdue() ? " (OVERDUE)" : "");
  }
}
