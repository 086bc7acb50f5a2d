package org.cix.federation.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.cix.federation.console.ConsoleSessions.Session;
import org.cix.federation.department.StaffCalls;
import org.cix.proto.v1.CorrectionInfo;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.ListQualityIssuesRequest;
import org.cix.proto.v1.ListRequestsRequest;
import org.cix.proto.v1.QualityResolution;
import org.cix.proto.v1.RequestDecision;
import org.cix.proto.v1.RequestFiling;

/**
 * A decider's queue: the objections and repair requests about the department's records with their
 * due dates, the form that decides one (at the record's origin), and the form that files one on a
 * subject's behalf; and a department's data-quality queue, with the form that resolves an issue.
 */
final class RequestPages {
  private final StaffCalls staff;

  RequestPages(StaffCalls staff) {
    this.staff = staff;
  }

  Answer queue(Session me, Form query) {
    boolean all = query.get("all").equals("1");
    var list = staff.call(me.token(), s -> s.listRequests(ListRequestsRequest.newBuilder().setOpenOnly(!all).build()));
    return new Answer.Page("requests", Map.of("requests", list.getCorrectionsList(), "all", all,
        "done", query.get("done"), "filed", query.get("filed")));
  }

  Answer decide(Session me, Form form) {
    RequestDecision.Builder decision = RequestDecision.newBuilder().setId(form.get("id"))
        .setOutcome(form.get("outcome")).setNote(form.get("note"));
    for (String line : form.get("corrections").split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw org.cix.core.error.CixException.invalidInput("a corrected field is key=value, one per line: '"
            + line.strip() + "'");
      }
      decision.addCorrections(Field.newBuilder().setKey(line.substring(0, eq).strip())
          .setValue(line.substring(eq + 1).strip()));
    }
    CorrectionInfo decided = staff.call(me.token(), s -> s.decideRequest(decision.build()));
    return new Answer.Redirect(Console.PATH + "requests?done=" + encode(decided.getId() + " " + decided.getState()));
  }

  Answer file(Session me, Form form) {
    CorrectionInfo filed = staff.call(me.token(), s -> s.fileRequest(RequestFiling.newBuilder()
        .setKind(form.get("kind")).setSubjectId(form.get("subject")).setRecordId(form.get("record"))
        .setReason(form.get("reason")).setEvidence(form.get("evidence")).setContact(form.get("contact"))
        .setConditions(form.get("conditions")).build()));
    return new Answer.Redirect(Console.PATH + "requests?filed=" + encode(filed.getId() + " → " + filed.getOriginNode()));
  }

  Answer quality(Session me, Form query) {
    var issues = staff.call(me.token(), s -> s.listQualityIssues(ListQualityIssuesRequest.newBuilder()
        .setOpenOnly(true).build()));
    return new Answer.Page("quality", Map.of("issues", issues.getIssuesList(), "resolved", query.get("resolved")));
  }

  Answer resolve(Session me, Form form) {
    long id = form.number("id", "issue");
    var resolved = staff.call(me.token(), s -> s.resolveQualityIssue(QualityResolution.newBuilder().setId(id)
        .setNote(form.get("note")).build()));
    return new Answer.Redirect(Console.PATH + "quality?resolved=" + encode(resolved.getId() + ": "
        + resolved.getResolution()));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
