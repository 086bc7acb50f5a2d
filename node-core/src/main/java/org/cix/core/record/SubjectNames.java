package org.cix.core.record;

import java.util.Optional;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.SubjectKind;

/**
 * The name a record gives its subject (主体名称), kept for finding subjects by name: enterprises,
 * organisations and individual businesses only. A person's name is never a key to find them by
 * (persons are found by their resident ID number, whose look-up is audited).
 */
public final class SubjectNames {
  public static final String FIELD = "subject_name";
  /** The longest name kept; longer ones are cut (no registered name comes near it). */
  public static final int LONGEST = 200;

  private SubjectNames() {}

  public static Optional<String> of(RecordBody body) {
    if (body.getSubjectKind() == SubjectKind.SUBJECT_KIND_RESIDENT_ID) {
      return Optional.empty();
    }
    for (Field field : body.getFieldsList()) {
      if (field.getKey().equals(FIELD) && !field.getValue().isBlank()) {
        String name = field.getValue().strip();
        return Optional.of(name.length() > LONGEST ? name.substring(0, LONGEST) : name);
      }
    }
    return Optional.empty();
  }
}
