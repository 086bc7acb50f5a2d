package org.cix.core.subject;

import org.cix.proto.v1.RecordBody;

/** Where a record's subject is registered, as its identifier says (GB/T 2260 county-level code). */
public final class Registration {
  private Registration() {}

  /** The region inside the subject's identifier ({@link SubjectKind#region}). */
  public static String region(RecordBody body) {
    return SubjectKind.of(body.getSubjectKind()).region(body.getSubjectId());
  }
}
