package org.cix.core.subject;

import org.cix.proto.v1.RecordBody;

/** Where a record's subject is registered, as its identifier says (GB/T 2260 county-level code). */
public final class Registration {
  private Registration() {}

  /** Positions 3-8 of a USCC, 1-6 of a resident ID number; empty for an identifier too short. */
  public static String region(RecordBody body) {
    String id = body.getSubjectId();
    if (id.length() < 8) {
      return "";
    }
    return body.getSubjectKind() == org.cix.proto.v1.SubjectKind.SUBJECT_KIND_USCC ? id.substring(2, 8)
        : id.substring(0, 6);
  }
}
