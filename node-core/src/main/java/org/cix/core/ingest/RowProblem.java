package org.cix.core.ingest;

/**
 * Why a row is refused: the field (empty for the whole row), a stable reason code and a message
 * for the department's data officer.
 */
public record RowProblem(String field, String code, String message) {}
