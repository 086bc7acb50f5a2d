package org.cix.core.record;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.RecordStatus;

/** Reading a record body: its fields by key, and whether it is shown and used on a day. */
public final class RecordFields {
  private RecordFields() {}

  /** The value of field {@code key} of a record, if it has one. */
  public static Optional<String> field(List<Field> fields, String key) {
    for (Field field : fields) {
      if (field.getKey().equals(key)) {
        return Optional.of(field.getValue());
      }
    }
    return Optional.empty();
  }

  /** Active and inside its publicity window on {@code day}. */
  public static boolean publicOn(RecordBody body, LocalDate day) {
    return whyNotPublic(body, day).isEmpty();
  }

  /** Why a record is not shown or used on {@code day} (revoked, repaired, outside its window), if it is not. */
  public static Optional<String> whyNotPublic(RecordBody body, LocalDate day) {
    if (body.getStatus() == RecordStatus.RECORD_STATUS_REVOKED) {
      return Optional.of("revoked");
    }
    if (body.getStatus() != RecordStatus.RECORD_STATUS_ACTIVE) {
      return Optional.of("repaired (credit repair)");
    }
    String from = body.getPublicityFrom();
    if (!from.isEmpty() && LocalDate.parse(from).isAfter(day)) {
      return Optional.of("public only from " + from);
    }
    String until = body.getPublicityUntil();
    if (!until.isEmpty() && LocalDate.parse(until).isBefore(day)) {
      return Optional.of("publicity ended on " + until);
    }
    return Optional.empty();
  }
}
