package org.cix.core.quality;

import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.AuditLog;
import org.cix.core.correction.CorrectionRequest;
import org.cix.core.correction.Corrections;
import org.cix.core.correction.RequestKind;
import org.cix.core.error.CixException;
import org.cix.core.ingest.RecordMaker;
import org.cix.core.record.ChinaDate;
import org.cix.core.record.RecordFields;
import org.cix.core.record.RecordVersion;
import org.cix.core.record.SubjectNames;
import org.cix.core.seal.Sealer;
import org.cix.core.store.RecordStore;
import org.cix.core.store.StoredVersion;
import org.cix.core.sync.ChangeLogFollower;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.sync.LoggedVersion;
import org.cix.proto.v1.ChangeReason;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.SubjectKind;

/**
 * The quality queue of one node: follows its change log to count the versions held per source
 * department and to find enterprises named differently by different records; resolves issues,
 * turning a resolution about a record into a correction at the record's origin.
 */
public final class DataQuality implements ChangeLogFollower {
  private static final int BATCH = 2_000;
  private static final int LIST_LIMIT = 10_000;

  private final RecordStore records;
  private final ExchangeStore log;
  private final QualityStore quality;
  private final Corrections corrections;
  private final RecordMaker maker;
  private final Sealer sealer;
  private final AuditLog audit;
  private final Clock clock;

  public DataQuality(RecordStore records, ExchangeStore log, QualityStore quality, Corrections corrections,
      RecordMaker maker, Sealer sealer, AuditLog audit, Clock clock) {
    this.records = records;
    this.log = log;
    this.quality = quality;
    this.corrections = corrections;
    this.maker = maker;
    this.sealer = sealer;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "the quality queue";
  }

  /**
   * Reads the versions appended since the last call: counts them per source department and
   * opens a NAME_MISMATCH issue for an enterprise whose new record names it differently from its
   * other current records (one open issue per enterprise). Counts, issues and the cursor of a
   * batch are kept together, so a crash neither loses nor counts twice.
   *
   * @return the versions read
   */
  @Override
  public long follow() {
    return follow(() -> false);
  }

  /** {@link #follow()}, ending between two batches once {@code stop} says so. */
  @Override
  public synchronized long follow(BooleanSupplier stop) {
    long read = 0;
    long cursor = quality.cursor();
    long head = log.head();
    while (cursor < head && !stop.getAsBoolean()) {
      List<LoggedVersion> batch = log.changesAfter(cursor, BATCH);
      if (batch.isEmpty()) {
        break;
      }
      Map<String, QualityStore.Received> received = new HashMap<>();
      Map<QualityStore.DepartmentMonth, Long> months = new HashMap<>();
      Map<String, RecordBody> named = new LinkedHashMap<>();
      for (LoggedVersion logged : batch) {
        RecordBody body = RecordVersion.fromHashedBytes(logged.body(), logged.sha256()).body();
        String department = body.getSourceDepartment();
        String name = RecordFields.field(body.getFieldsList(), "source_unit").orElse("");
        if (!department.isEmpty()) {
          received.merge(department, new QualityStore.Received(name, 1),
              (a, b) -> new QualityStore.Received(a.name().isEmpty() ? b.name() : a.name(), a.versions() + 1));
          months.merge(new QualityStore.DepartmentMonth(department, month(body.getCreatedAtMillis())), 1L, Long::sum);
        }
        if (body.getSubjectKind() == SubjectKind.SUBJECT_KIND_USCC && SubjectNames.of(body).isPresent()) {
          named.put(body.getSubjectId(), body);
        }
        read++;
      }
      cursor = batch.get(batch.size() - 1).seq();
      quality.read(cursor, received, months, mismatches(named));
    }
    return read;
  }

  /** The month (yyyy-MM, Beijing time) of an instant given in epoch milliseconds. */
  public static String month(long epochMillis) {
    return java.time.YearMonth.from(java.time.Instant.ofEpochMilli(epochMillis).atZone(ChinaDate.ZONE)).toString();
  }

  /** Versions per source department and month they were made in, from {@code fromMonth} (yyyy-MM) on. */
  public List<QualityStore.Monthly> monthly(String fromMonth) {
    return quality.monthly(fromMonth);
  }

  /**
   * For each enterprise, its latest named record against the names its other current records give
   * it (kept beside the current pointers: no version is read unless the names differ).
   */
  private List<QualityIssue> mismatches(Map<String, RecordBody> latest) {
    List<QualityIssue> found = new ArrayList<>();
    for (RecordBody body : latest.values()) {
      String name = SubjectNames.of(body).orElseThrow();
      for (Map.Entry<String, String> other : records.currentNamesOf(body.getSubjectId()).entrySet()) {
        String theirs = other.getValue();
        if (other.getKey().equals(body.getRecordId()) || normalised(theirs).equals(normalised(name))) {
          continue;
        }
        if (quality.hasOpen(IssueKind.NAME_MISMATCH, body.getSubjectId())) {
          break;
        }
        List<StoredVersion> history = records.history(other.getKey());
        RecordBody them = history.get(history.size() - 1).version().body();
        found.add(new QualityIssue(0, clock.millis(), IssueKind.NAME_MISMATCH, body.getSourceDepartment(),
            RecordFields.field(body.getFieldsList(), "source_unit").orElse(""), "name_mismatch", "change-log",
            body.getRecordId(), body.getSubjectId(), body.getSubjectId() + " is '" + name + "' in " + body.getType()
                + " " + body.getRecordId() + " (from " + department(body) + ") but '" + theirs + "' in "
                + them.getType() + " " + them.getRecordId() + " (from " + department(them) + ")",
            Optional.empty()));
        break;
      }
    }
    return found;
  }

  private static String department(RecordBody body) {
    String name = RecordFields.field(body.getFieldsList(), "source_unit").orElse("");
    return (name + " " + body.getSourceDepartment()).trim() + ", origin " + body.getOriginNode();
  }

  /** Names compared as people read them: full-width and half-width forms alike, no spaces. */
  static String normalised(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFKC).replaceAll("\\s+", "");
  }

  public List<QualityIssue> list(boolean openOnly, Optional<String> department) {
    return quality.list(openOnly, department, LIST_LIMIT);
  }

  public Optional<QualityIssue> get(long id) {
    return quality.get(id);
  }

  public List<DepartmentQuality> departments() {
    return quality.departments();
  }

  /** The change-log sequence {@link #departments()} counts up to. */
  public long readUpTo() {
    return quality.cursor();
  }

  /**
   * Resolves an issue. About a record this node made: with {@code corrections}, a corrected
   * version made here; without, the note. About a record another node made: an objection sent
   * to that origin (corrections are the origin's to make). About a row: the note.
   */
  public synchronized QualityIssue resolve(long id, String note, Map<String, String> fields, String by) {
    QualityIssue issue = quality.get(id).orElseThrow(() -> CixException.notFound("no quality issue " + id));
    if (!issue.open()) {
      throw CixException.preconditionFailed("quality issue " + id + " was resolved already: "
          + issue.resolution().orElseThrow().text());
    }
    if (note.isBlank()) {
      throw CixException.invalidInput("say what was done (--note)");
    }
    String text = note;
    List<StoredVersion> history = issue.recordId().isEmpty() ? List.of() : records.history(issue.recordId());
    if (!history.isEmpty()) {
      RecordVersion current = history.get(history.size() - 1).version();
      String origin = current.body().getOriginNode();
      if (origin.equals(maker.origin().nodeId()) && !fields.isEmpty()) {
        Map<String, String> corrected = current.fields();
        corrected.putAll(fields);
        RecordVersion next = maker.next(current, corrected, new RecordMaker.Change(current.body().getStatus(),
            ChangeReason.CHANGE_REASON_CORRECTION, "quality issue " + id + ": " + note, current.body().getObjection()),
            clock.millis());
        records.append(sealer.seal(List.of(next)), clock.millis());
        text = "corrected here: v" + next.version() + "; " + note;
      } else if (!origin.equals(maker.origin().nodeId())) {
        if (!fields.isEmpty()) {
          throw CixException.permissionDenied("record " + issue.recordId() + " is node " + origin
              + "'s to correct; resolve without fields to send it an objection");
        }
        CorrectionRequest objection = corrections.file(new Corrections.Filing(RequestKind.OBJECTION,
            current.body().getSubjectId(), issue.recordId(), "数据质量问题 quality issue " + id + ": " + note, "",
            "", "", by));
        text = "objection " + objection.id() + " sent to the origin " + origin + "; " + note;
      }
    } else if (!fields.isEmpty()) {
      throw CixException.invalidInput("quality issue " + id + " concerns no record held here; fields cannot be set");
    }
    quality.resolve(id, new QualityIssue.Resolution(clock.millis(), by, text));
    audit.append(new AuditEvent(clock.instant(), by, "quality.resolve", issue.subjectId(),
        "issue=" + id + " " + issue.kind() + " " + text));
    return quality.get(id).orElseThrow();
  }
}
