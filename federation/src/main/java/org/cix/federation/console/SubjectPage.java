package org.cix.federation.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.cix.federation.console.ConsoleSessions.Session;
import org.cix.federation.department.StaffCalls;
import org.cix.proto.v1.CheckResult;
import org.cix.proto.v1.FindSubjectsRequest;
import org.cix.proto.v1.ProfileRecord;
import org.cix.proto.v1.ProfileRequest;
import org.cix.proto.v1.RecordHistoryRequest;
import org.cix.proto.v1.SubjectCheckRequest;
import org.cix.proto.v1.SubjectProfile;

/**
 * A subject at a glance (role checker), found by its identifier or a part of its name (not a
 * person's): the check for an action (restrict, warn or none, each
 * record it rests on with its measures, their class and legal basis, the deciding department,
 * origin and seal), and every current record grouped by type with the path it took here. Both
 * are asked with the purpose the checker states, which the node records.
 */
final class SubjectPage {
  /** What is looked up as an identifier (USCC, resident ID, GS number); anything else is a part of a name. */
  private static final Pattern IDENTIFIER = Pattern.compile("[0-9A-Za-z]+");
  /** The action chosen to check the subject for every action a measure governs, one check each. */
  static final String EVERY_ACTION = "*";

  private final StaffCalls staff;
  private final Supplier<Set<String>> actions;

  SubjectPage(StaffCalls staff, Supplier<Set<String>> actions) {
    this.staff = staff;
    this.actions = actions;
  }

  Answer show(Session me, Form query) {
    Map<String, Object> model = new LinkedHashMap<>();
    String id = query.get("id");
    String action = query.get("action");
    String purpose = query.get("purpose");
    model.put("id", id);
    model.put("action", action);
    model.put("purpose", purpose);
    model.put("actions", actions.get());
    if (!id.isEmpty() && !IDENTIFIER.matcher(id).matches()) {
      model.put("matches", staff.call(me.token(), s -> s.findSubjects(FindSubjectsRequest.newBuilder().setName(id)
          .setPurpose(purpose).build())).getSubjectsList());
    } else if (!id.isEmpty()) {
      SubjectProfile profile = staff.call(me.token(), s -> s.profile(ProfileRequest.newBuilder().setSubjectId(id)
          .setPurpose(purpose).build()));
      model.put("profile", profile);
      model.put("byType", byType(profile.getRecordsList()));
      if (action.equals(EVERY_ACTION)) {
        model.put("checks", actions.get().stream().map(a -> check(me, id, a, purpose)).toList());
      } else if (!action.isEmpty()) {
        model.put("check", check(me, id, action, purpose));
      }
    }
    return new Answer.Page("subject", model);
  }

  private CheckResult check(Session me, String id, String action, String purpose) {
    return staff.call(me.token(), s -> s.check(SubjectCheckRequest.newBuilder().setSubjectId(id).setAction(action)
        .setPurpose(purpose).build()));
  }

  /** Every version of a record held here, oldest first: the timeline of listings, corrections and repairs. */
  Answer history(Session me, Form query) {
    String purpose = query.get("purpose");
    var history = staff.call(me.token(), s -> s.history(RecordHistoryRequest.newBuilder()
        .setRecordId(query.get("id")).setPurpose(purpose).build()));
    return new Answer.Page("record", Map.of("history", history, "purpose", purpose));
  }

  /** The records by type label, in the order the profile lists them. */
  private static Map<String, List<ProfileRecord>> byType(List<ProfileRecord> records) {
    Map<String, List<ProfileRecord>> byType = new LinkedHashMap<>();
    records.forEach(r -> byType.computeIfAbsent(r.getTypeLabel().isEmpty() ? r.getType() : r.getTypeLabel(),
        t -> new java.util.ArrayList<>()).add(r));
    return byType;
  }
}
