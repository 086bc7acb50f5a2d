package org.cix.core.correction;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.RecordType;
import org.cix.core.error.CixException;
import org.cix.core.ingest.RecordMaker;
import org.cix.core.record.ChinaDate;
import org.cix.core.record.RecordFields;
import org.cix.core.record.RecordVersion;
import org.cix.proto.v1.ChangeReason;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.RecordStatus;

/** What a decision does to the record it is about: the record's next version, made by its origin. */
final class Amendments {
  private final Catalog catalog;
  private final RecordMaker maker;
  private final Clock clock;

  Amendments(Catalog catalog, RecordMaker maker, Clock clock) {
    this.catalog = catalog;
    this.maker = maker;
    this.clock = clock;
  }

  /**
   * The record's next version for {@code outcome} (none for UPHELD without a flag to clear, and
   * for REFUSED); refused when the outcome does not fit the record's state or the corrections.
   */
  Optional<RecordVersion> next(CorrectionRequest request, Outcome outcome, RecordVersion current,
      Map<String, String> corrections, String note) {
    RecordBody body = current.body();
    String id = request.id();
    String flag = body.getObjection().equals(id) ? "" : body.getObjection();
    String said = note.isBlank() ? "" : ": " + note;
    if (outcome != Outcome.UPHELD && outcome != Outcome.REFUSED
        && body.getStatus() != RecordStatus.RECORD_STATUS_ACTIVE) {
      throw CixException.invalidInput("record " + body.getRecordId() + " is no longer active (version "
          + body.getVersion() + "); decide UPHELD or REFUSED");
    }
    if (!corrections.isEmpty() && outcome != Outcome.CORRECTED) {
      throw CixException.invalidInput("field corrections go with the outcome CORRECTED");
    }
    long now = clock.millis();
    return switch (outcome) {
      case UPHELD -> body.getObjection().equals(id)
          ? Optional.of(maker.next(current, current.fields(), new RecordMaker.Change(body.getStatus(),
              ChangeReason.CHANGE_REASON_OBJECTION, "objection " + id + " dismissed" + said, flag), now))
          : Optional.empty();
      case CORRECTED -> {
        if (corrections.isEmpty()) {
          throw CixException.invalidInput("CORRECTED needs the corrected fields (key=value)");
        }
        Map<String, String> fields = current.fields();
        fields.putAll(corrections);
        RecordVersion next = maker.next(current, fields, new RecordMaker.Change(RecordStatus.RECORD_STATUS_ACTIVE,
            ChangeReason.CHANGE_REASON_CORRECTION, "objection " + id + " corrected" + said, flag), now);
        if (next.body().getContentSha256().equals(body.getContentSha256())) {
          throw CixException.invalidInput("the corrections change nothing in record " + body.getRecordId());
        }
        yield Optional.of(next);
      }
      case REVOKED -> Optional.of(maker.next(current, current.fields(), new RecordMaker.Change(
          RecordStatus.RECORD_STATUS_REVOKED, ChangeReason.CHANGE_REASON_REVOCATION,
          "objection " + id + " revoked the record" + said, flag), now));
      case REPAIRED -> {
        RecordType type = catalog.type(body.getType()).orElseThrow();
        LocalDate possible = repairPossibleFrom(type, body);
        if (ChinaDate.today(clock).isBefore(possible)) {
          throw CixException.preconditionFailed("credit repair of record " + body.getRecordId()
              + " is possible from " + possible);
        }
        yield Optional.of(maker.next(current, current.fields(), new RecordMaker.Change(
            RecordStatus.RECORD_STATUS_REPAIRED, ChangeReason.CHANGE_REASON_REPAIR,
            "repair " + id + " approved (" + request.field("conditions") + ")" + said, flag), now));
      }
      case REFUSED -> Optional.empty();
    };
  }

  /** The first day a record of {@code type} may be repaired; refused when the type is not repaired early. */
  static LocalDate repairPossibleFrom(RecordType type, RecordBody body) {
    if (type.publicity().repairAfter().isEmpty()) {
      throw CixException.invalidInput(type.label() + " (" + type.id() + ") records are not repaired early: the "
          + "catalog gives the type no minimum publicity period (repair-after)");
    }
    if (body.getPublicityFrom().isEmpty()) {
      throw CixException.invalidInput("record " + body.getRecordId() + " has no publicity start to count from");
    }
    return type.publicity().repairFrom(LocalDate.parse(body.getPublicityFrom()),
        key -> RecordFields.field(body.getFieldsList(), key).orElse("")).orElseThrow();
  }
}
