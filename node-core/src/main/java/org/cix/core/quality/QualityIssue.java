package org.cix.core.quality;

import java.util.Optional;

/**
 * One entry of the quality queue.
 *
 * @param department USCC of the source department (数据来源单位); empty when unknown
 * @param source where it came from: "ingest:FILE", "link:NODE", or "change-log" for what the node
 *     found in the records it holds
 * @param recordId the record concerned; empty for rows that never became records
 */
public record QualityIssue(long id, long atMillis, IssueKind kind, String department, String departmentName,
    String reasonCode, String source, String recordId, String subjectId, String detail,
    Optional<Resolution> resolution) {

  /** How an issue was resolved: when, by whom, and what was done. */
  public record Resolution(long atMillis, String by, String text) {}

  public boolean open() {
    return resolution.isEmpty();
  }
}
