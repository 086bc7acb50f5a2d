package org.cix.core.ingest;

import java.util.Map;
import java.util.Optional;

/**
 * One row of a source file: its number (1 = the first data row), where to find it, its values by
 * source column, or the structural problem that makes it unreadable.
 */
public record SourceRow(long number, String where, Map<String, String> values, Optional<String> problem) {}
