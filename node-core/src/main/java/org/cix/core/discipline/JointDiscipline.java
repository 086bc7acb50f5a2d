package org.cix.core.discipline;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;
import java.util.TreeSet;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.AuditLog;
import org.cix.core.error.CixException;
import org.cix.core.profile.FederatedProfiles;
import org.cix.core.profile.ProfileEntry;
import org.cix.core.profile.SealChecks;
import org.cix.core.profile.SubjectAnswer;
import org.cix.core.profile.SubjectProfile;
import org.cix.core.profile.SubjectQuestion;
import org.cix.core.record.ChinaDate;
import org.cix.core.record.RecordFields;
import org.cix.core.subject.SubjectKind;
import org.cix.proto.v1.RecordBody;

/**
 * Applies the measures to a subject and an action: RESTRICT when a public, verified record
 * triggers a punishment governing the action, else INCENTIVE when one triggers a reward, else
 * NONE. Records past their publicity window, revoked or repaired, or whose origin cannot be
 * proven, never trigger; they are reported with the reason. Every check is recorded.
 */
public final class JointDiscipline {
  private final CurrentMeasures measures;
  private final FederatedProfiles profiles;
  private final CheckLog log;
  private final AuditLog audit;
  private final String self;
  private final Clock clock;

  /** {@code self}: this node's id, named as the asking node when other nodes are asked. */
  public JointDiscipline(CurrentMeasures measures, FederatedProfiles profiles, CheckLog log, AuditLog audit, String self,
      Clock clock) {
    this.measures = measures;
    this.profiles = profiles;
    this.log = log;
    this.audit = audit;
    this.self = self;
    this.clock = clock;
  }

  /** The measures applied now. */
  public Measures measures() {
    return measures.get();
  }

  /** The measures applied now, and how they change. */
  public CurrentMeasures current() {
    return measures;
  }

  /** Where the checks made here are recorded. */
  public CheckLog checks() {
    return log;
  }

  public CheckResult check(CheckRequest request) {
    if (request.asker().isBlank() || request.purpose().isBlank()) {
      throw CixException.invalidInput("a check names who asks and for what purpose");
    }
    Measures applied = measures.get();
    List<Measure> governing = governing(applied, request.action());
    Set<String> types = new TreeSet<>();
    governing.forEach(m -> m.triggers().forEach(t -> types.add(t.type())));
    SubjectAnswer answer = profiles.answer(new SubjectQuestion(request.subject(), types, request.purpose(),
        request.asker(), self, List.of()), request.within());
    SubjectProfile profile = answer.profile();
    if (!profile.id().isValid()) {
      throw CixException.invalidInput("'" + profile.id().loggable() + "' is not a subject identifier ("
          + profile.id().rejection().orElseThrow().code() + ")");
    }
    Assessment assessment = assess(linked(profile, governing), governing, ChinaDate.today(clock));
    String subjectId = profile.id().normalised().orElseThrow();
    LocalDate today = ChinaDate.today(clock);
    log.append(new CheckEntry(clock.instant(), request.asker(), request.purpose(), subjectId, request.action(),
        assessment.decision(), assessment.findings().stream().filter(Finding::applies)
            .map(f -> f.entry().stored().version().recordId()).toList()),
        feedback(subjectId, profile.name(), request, assessment, today));
    audit.append(new AuditEvent(clock.instant(), request.asker(), "check", subjectId, "action=" + request.action()
        + "; purpose=" + request.purpose() + "; decision=" + assessment.decision() + "; answered by "
        + String.join(",", answer.answeredBy()) + (answer.complete() ? "" : " (partial)")));
    return new CheckResult(subjectId, profile.name(), request.action(), assessment.decision(),
        assessment.findings(), applied.version(), clock.instant(), answer.answeredBy(), answer.unanswered(),
        answer.complete());
  }

  /**
   * The records a check weighs, by whom they reach the subject through: its own; for a person, the
   * current records of the enterprises they represent; for an enterprise, those of the persons
   * its own records name as its legal representative (held here). Linked records are looked up
   * only when a {@code governing} measure reaches that far.
   */
  private Map<Reach, List<ProfileEntry>> linked(SubjectProfile profile, List<Measure> governing) {
    Map<Reach, List<ProfileEntry>> linked = new EnumMap<>(Reach.class);
    linked.put(Reach.SUBJECT, profile.entries());
    boolean person = profile.id().kind().filter(k -> k == SubjectKind.RESIDENT_ID).isPresent();
    Reach further = person ? Reach.LEGAL_REPRESENTATIVE : Reach.REPRESENTED_ENTERPRISE;
    if (governing.stream().anyMatch(m -> m.reaches().contains(further))) {
      linked.put(further, person ? profiles.represented(profile.id().normalised().orElseThrow())
          : profiles.representatives(profile.entries()));
    }
    return linked;
  }

  /**
   * One feedback row per record whose measures decided the check (punishments for RESTRICT,
   * rewards for INCENTIVE), for {@link FeedbackPublisher}.
   */
  private List<Map<String, String>> feedback(String subjectId, Optional<String> name, CheckRequest request,
      Assessment assessment, LocalDate today) {
    if (assessment.decision() == Decision.NONE) {
      return List.of();
    }
    MeasureKind kind = assessment.decision() == Decision.RESTRICT ? MeasureKind.PUNISHMENT : MeasureKind.REWARD;
    List<Map<String, String>> rows = new ArrayList<>();
    for (Finding finding : assessment.findings()) {
      List<String> applied = finding.measures().stream().filter(m -> m.kind() == kind).map(Measure::id).toList();
      if (!finding.applies() || applied.isEmpty()) {
        continue;
      }
      RecordBody body = finding.entry().stored().version().body();
      Map<String, String> row = new LinkedHashMap<>();
      name.ifPresent(n -> row.put("subject_name", clip(n, 200)));
      row.put("subject_id", subjectId);
      row.put("feedback_id", UUID.randomUUID().toString());
      row.put("record_id", body.getRecordId());
      row.put("record_type", body.getType());
      row.put("origin_node", body.getOriginNode());
      row.put("origin_jurisdiction", body.getOriginJurisdiction());
      row.put("measures", clip(String.join(",", applied), 1000));
      row.put("action", request.action());
      row.put("decision", assessment.decision().name());
      row.put("applied_by", clip(request.asker(), 200));
      row.put("purpose", clip(request.purpose(), 500));
      row.put("check_date", today.toString());
      row.put("checking_node", self);
      rows.add(row);
    }
    return rows;
  }

  private static String clip(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }

  /** The measures governing {@code action}; an action no measure governs is an input error. */
  private static List<Measure> governing(Measures measures, String action) {
    List<Measure> governing = measures.governing(action);
    if (governing.isEmpty()) {
      throw CixException.invalidInput("'" + action + "' is not an action any measure governs; known: "
          + String.join(", ", measures.actions()));
    }
    return governing;
  }

  /** The decision and findings for a subject's current records on {@code day}. */
  public record Assessment(Decision decision, List<Finding> findings) {}

  /** What {@code governing} measures make of a subject's current {@code entries} on {@code day}. */
  public static Assessment assess(List<ProfileEntry> entries, List<Measure> governing, LocalDate day) {
    return assess(Map.of(Reach.SUBJECT, entries), governing, day);
  }

  /**
   * The same, with the records linked to the subject through its legal representation ({@code
   * linked}, by {@link Reach}), which count only for measures that reach that far.
   */
  public static Assessment assess(Map<Reach, List<ProfileEntry>> linked, List<Measure> governing, LocalDate day) {
    List<Finding> findings = new ArrayList<>();
    for (Reach reach : Reach.values()) {
      linked.getOrDefault(reach, List.of()).forEach(entry -> findings.addAll(findings(entry, governing, reach, day)));
    }
    return new Assessment(decide(findings), findings);
  }

  /** The findings of one record: its triggered measures reaching {@code reach}, grouped by why they lapsed. */
  private static List<Finding> findings(ProfileEntry entry, List<Measure> governing, Reach reach, LocalDate day) {
    RecordBody body = entry.stored().version().body();
    Optional<String> why = RecordFields.whyNotPublic(body, day);
    Map<Optional<String>, List<Measure>> byLapse = new LinkedHashMap<>();
    for (Measure measure : governing) {
      if (measure.reaches().contains(reach) && measure.triggeredBy(body)) {
        Optional<String> lapsed = entry.sealCheck().equals(SealChecks.VERIFIED) ? measure.lapsed(body, day, why)
            : Optional.of("origin not proven: " + entry.sealCheck());
        byLapse.computeIfAbsent(lapsed, k -> new ArrayList<>()).add(measure);
      }
    }
    List<Finding> findings = new ArrayList<>();
    byLapse.forEach((lapsed, measures) -> findings.add(new Finding(entry, measures, lapsed, reach)));
    return findings;
  }

  private static Decision decide(List<Finding> findings) {
    boolean reward = false;
    for (Finding finding : findings) {
      if (!finding.applies()) {
        continue;
      }
      for (Measure measure : finding.measures()) {
        if (measure.kind() == MeasureKind.PUNISHMENT) {
          return Decision.RESTRICT;
        }
        reward = true;
      }
    }
    return reward ? Decision.INCENTIVE : Decision.NONE;
  }

}
