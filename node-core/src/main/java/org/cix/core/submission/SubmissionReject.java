package org.cix.core.submission;

/** A row of a submission refused, with the field and the reason. */
public record SubmissionReject(long row, String where, String field, String code, String message) {}
