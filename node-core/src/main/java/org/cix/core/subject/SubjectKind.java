package org.cix.core.subject;

/** What a subject identifier names. */
public enum SubjectKind {
  /** A legal person or other organisation, by Unified Social Credit Code (GB 32100). */
  USCC(org.cix.proto.v1.SubjectKind.SUBJECT_KIND_USCC, 2),
  /** A natural person, by resident identity card number (GB 11643), permit or foreigner's card. */
  RESIDENT_ID(org.cix.proto.v1.SubjectKind.SUBJECT_KIND_RESIDENT_ID, 0),
  /** An individual business without a USCC, by its business registration number ({@link RegistrationNumbers}). */
  REGISTRATION_NUMBER(org.cix.proto.v1.SubjectKind.SUBJECT_KIND_REGISTRATION_NUMBER, 2);

  private final org.cix.proto.v1.SubjectKind proto;
  private final int regionAt;

  SubjectKind(org.cix.proto.v1.SubjectKind proto, int regionAt) {
    this.proto = proto;
    this.regionAt = regionAt;
  }

  /** The kind as records carry it. */
  public org.cix.proto.v1.SubjectKind proto() {
    return proto;
  }

  /** The kind a record names; resident IDs for records of an older cix that named none. */
  public static SubjectKind of(org.cix.proto.v1.SubjectKind proto) {
    for (SubjectKind kind : values()) {
      if (kind.proto == proto) {
        return kind;
      }
    }
    return RESIDENT_ID;
  }

  /**
   * The six-digit region inside an identifier of this kind (USCC positions 3-8, resident ID 1-6,
   * the registration authority of a registration number); empty for one too short.
   */
  public String region(String id) {
    return id.length() < regionAt + 6 ? "" : id.substring(regionAt, regionAt + 6);
  }
}
