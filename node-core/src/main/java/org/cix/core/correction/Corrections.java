package org.cix.core.correction;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.AuditLog;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.RecordType;
import org.cix.core.error.CixException;
import org.cix.core.ingest.RecordMaker;
import org.cix.core.profile.FederatedProfiles;
import org.cix.core.profile.ProfileEntry;
import org.cix.core.profile.SubjectAnswer;
import org.cix.core.profile.SubjectQuestion;
import org.cix.core.record.ChinaDate;
import org.cix.core.record.RecordFields;
import org.cix.core.record.RecordIds;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.Sealer;
import org.cix.core.store.RecordStore;
import org.cix.core.store.StoredVersion;
import org.cix.core.sync.ChangeLogFollower;
import org.cix.core.sync.ExchangeStore;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.RecordStatus;

/**
 * Objections and credit repair at one node: files requests (checked against the record, found
 * here or asked of the parent), decides those about records this node made (and only those), and
 * follows the correction records of its change log ({@link #follow}): a request reaching the
 * record's origin flags the record "under objection" by a new version that travels wherever the
 * record does; a decision reaching any node closes the request there.
 */
public final class Corrections implements ChangeLogFollower {
  public static final String REQUEST_TYPE = "correction-request";
  public static final String DECISION_TYPE = "correction-decision";
  private static final int LIST_LIMIT = 10_000;
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  /** What a request says: its kind, the record, why, and who files it. */
  public record Filing(RequestKind kind, String subjectId, String recordId, String reason, String evidence,
      String contact, String conditions, String filedBy) {}

  private final Catalog catalog;
  private final RecordStore records;
  private final ExchangeStore changes;
  private final CorrectionStore requests;
  private final RecordMaker maker;
  private final Sealer sealer;
  private final FederatedProfiles federated;
  private final AuditLog audit;
  private final Clock clock;
  /** One lock for this node's own correction versions: filing, deciding and following. */
  private final Object lock = new Object();
  private final CorrectionLog followed;
  private final Amendments amendments;
  private final SecureRandom random = new SecureRandom();

  public Corrections(Catalog catalog, RecordStore records, ExchangeStore log, CorrectionStore requests,
      RecordMaker maker, Sealer sealer, FederatedProfiles federated, AuditLog audit, Clock clock) {
    this.catalog = catalog;
    this.records = records;
    this.changes = log;
    this.requests = requests;
    this.maker = maker;
    this.sealer = sealer;
    this.federated = federated;
    this.audit = audit;
    this.clock = clock;
    this.followed = new CorrectionLog(records, log, requests, maker, sealer, clock, lock);
    this.amendments = new Amendments(catalog, maker, clock);
  }

  private String self() {
    return maker.origin().nodeId();
  }

  public LocalDate today() {
    return ChinaDate.today(clock);
  }

  /**
   * Files a request about the current version of a record: refused when the record is not found
   * (here or above), is not about the subject, is no longer active, or, for repair, when its type
   * has no minimum publicity period or that period has not passed (the refusal names the date).
   */
  public CorrectionRequest file(Filing filing) {
    RecordVersion record = locate(filing.subjectId(), filing.recordId(), filing.filedBy());
    RecordBody body = record.body();
    RecordType type = catalog.type(body.getType()).orElseThrow(
        () -> CixException.invalidInput("record type '" + body.getType() + "' is not in this node's catalog"));
    if (type.category().equals("correction")) {
      throw CixException.invalidInput("requests are about credit records, not about other requests");
    }
    if (body.getStatus() != RecordStatus.RECORD_STATUS_ACTIVE) {
      throw CixException.invalidInput("record " + body.getRecordId() + " is "
          + RecordFields.whyNotPublic(body, today()).orElse("not active") + " already");
    }
    LocalDate today = today();
    if (filing.kind() == RequestKind.REPAIR) {
      if (filing.conditions().isBlank()) {
        throw CixException.invalidInput("a repair request states the conditions met (e.g. penalty fulfilled, "
            + "credit commitment signed)");
      }
      LocalDate possible = Amendments.repairPossibleFrom(type, body);
      if (today.isBefore(possible)) {
        throw CixException.preconditionFailed("credit repair of record " + body.getRecordId() + " is possible from "
            + possible + " (" + type.label() + ": the minimum publicity from " + body.getPublicityFrom() + ")");
      }
    }
    String id = (filing.kind() == RequestKind.OBJECTION ? "OBJ-" : "REP-") + today.format(DAY) + "-"
        + HexFormat.of().withUpperCase().formatHex(bytes(5));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("subject_id", body.getSubjectId());
    fields.put("request_id", id);
    fields.put("kind", filing.kind().name());
    fields.put("record_id", body.getRecordId());
    fields.put("record_type", body.getType());
    fields.put("record_origin_node", body.getOriginNode());
    fields.put("record_origin", body.getOriginJurisdiction());
    fields.put("reason", filing.reason());
    fields.put("evidence", filing.evidence());
    fields.put("conditions", filing.conditions());
    fields.put("contact", filing.contact());
    fields.put("filed_by", filing.filedBy());
    fields.put("filed_on", today.toString());
    fields.put("due_on", WorkingDays.after(today, type.objectionDays()).toString());
    fields.put("filing_node", self());
    fields.put("filing_jurisdiction", maker.origin().jurisdiction().code());
    synchronized (lock) {
      RecordVersion request = own(REQUEST_TYPE, fields);
      records.append(sealer.seal(List.of(request)), clock.millis());
      audit.append(new AuditEvent(clock.instant(), filing.filedBy(),
          filing.kind() == RequestKind.OBJECTION ? "objection.file" : "repair.request", body.getSubjectId(),
          "request=" + id + " record=" + body.getRecordId() + " origin=" + body.getOriginNode()));
      follow();
    }
    return requests.get(id).orElseThrow();
  }

  private byte[] bytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  /**
   * Decides a request about a record this node made: the record's new version (none for UPHELD
   * without a flag to clear, and for REFUSED) and the decision record, sealed together in one
   * batch. Refused at any other node, for a request decided already, and for an outcome that does
   * not answer the request's kind.
   */
  public CorrectionRequest decide(String id, String outcomeWord, Map<String, String> corrections, String note,
      String decidedBy) {
    synchronized (lock) {
      follow();
      CorrectionRequest request = requests.get(id).orElseThrow(
          () -> CixException.notFound("no request '" + id + "' is known at this node"));
      if (!request.originNode().equals(self())) {
        throw CixException.permissionDenied("only the record's origin, node " + request.originNode()
            + ", decides request " + id + " (this node is " + self() + ")");
      }
      if (!request.open()) {
        throw CixException.preconditionFailed("request " + id + " was decided already: " + request.outcome().orElseThrow()
            + " on " + request.decision().get("decided_on"));
      }
      Outcome outcome = Outcome.of(outcomeWord, request.kind());
      List<StoredVersion> history = records.history(request.recordId());
      if (history.isEmpty()) {
        throw CixException.notFound("record " + request.recordId() + " is not held here");
      }
      RecordVersion current = history.get(history.size() - 1).version();
      Optional<RecordVersion> made = amendments.next(request, outcome, current, corrections, note);
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("subject_id", request.subjectId());
      fields.put("request_id", id);
      fields.put("kind", request.kind().name());
      fields.put("record_id", request.recordId());
      fields.put("outcome", outcome.name());
      fields.put("record_version", made.map(v -> Integer.toString(v.version())).orElse(""));
      fields.put("note", note);
      fields.put("decided_by", decidedBy);
      fields.put("decided_on", today().toString());
      fields.put("deciding_node", self());
      fields.put("filing_jurisdiction", request.request().getOrDefault("filing_jurisdiction", ""));
      List<RecordVersion> versions = new ArrayList<>();
      made.ifPresent(versions::add);
      versions.add(own(DECISION_TYPE, fields));
      records.append(sealer.seal(versions), clock.millis());
      audit.append(new AuditEvent(clock.instant(), decidedBy,
          request.kind() == RequestKind.OBJECTION ? "objection.decide" : "repair.decide", request.subjectId(),
          "request=" + id + " outcome=" + outcome + " record=" + request.recordId()
              + made.map(v -> " v" + v.version()).orElse("")));
      follow();
      return requests.get(id).orElseThrow();
    }
  }

  @Override
  public String name() {
    return followed.name();
  }

  /**
   * Reads the correction records appended to the change log since the last call (see
   * {@link CorrectionLog}).
   *
   * @return the correction records read
   */
  @Override
  public long follow() {
    return followed.follow();
  }

  /**
   * A request as this node knows it. Requests and decisions that reached the change log since it
   * was last followed are read first, so that a decision stored just before a crash shows at
   * once after the restart (found by {@code DecisionCrashTest}: it showed OPEN until the next
   * follow).
   */
  public Optional<CorrectionRequest> get(String id) {
    follow();
    return requests.get(id);
  }

  /** The requests known here, the latest filed first: of {@code kind} (all when empty), open ones or overdue ones only. */
  public List<CorrectionRequest> list(Optional<RequestKind> kind, boolean openOnly, boolean overdueOnly) {
    follow();
    LocalDate today = today();
    return requests.list(LIST_LIMIT).stream()
        .filter(r -> kind.isEmpty() || r.field("kind").equals(kind.get().name()))
        .filter(r -> !openOnly || r.open())
        .filter(r -> !overdueOnly || r.overdue(today))
        .toList();
  }

  /** A version of a record this node writes itself (a request or a decision), from its fields. */
  private RecordVersion own(String typeId, Map<String, String> fields) {
    RecordType type = catalog.type(typeId).orElseThrow(() -> CixException.invalidInput(
        "this node's catalog has no type '" + typeId + "': it is older than objections and repair"));
    return maker.own(type, fields, records, clock.millis());
  }

  /** The current version of the record, held here or, failing that, found through the parent. */
  private RecordVersion locate(String subject, String recordId, String asker) {
    if (!RecordIds.isWellFormed(recordId)) {
      throw CixException.invalidInput("'" + recordId + "' is not a record id (32 lower-case hexadecimal characters)");
    }
    RecordVersion found = null;
    List<StoredVersion> held = records.history(recordId);
    if (!held.isEmpty()) {
      found = held.get(held.size() - 1).version();
    } else {
      SubjectAnswer answer = federated.answer(new SubjectQuestion(subject, Set.of(), "objection or repair", asker,
          self(), List.of()), FederatedProfiles.DEFAULT_WAIT);
      for (ProfileEntry entry : answer.profile().entries()) {
        if (entry.stored().version().recordId().equals(recordId)) {
          found = entry.stored().version();
        }
      }
    }
    if (found == null) {
      throw CixException.notFound("record " + recordId + " is not held here, nor found above (cix subject "
          + subject + " lists the subject's records)");
    }
    if (!found.body().getSubjectId().equals(subject.trim().toUpperCase(Locale.ROOT))) {
      throw CixException.invalidInput("record " + recordId + " is not about " + subject);
    }
    return found;
  }
}
