package org.cix.core.quality;

import java.util.Optional;
import org.cix.core.record.RecordFields;
import org.cix.core.store.Quarantined;
import org.cix.core.sync.ReceivedVersion;
import org.cix.proto.v1.RecordBody;

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

  /** The issue of an item refused from {@code item.source()}, kept in the quarantine at {@code atMillis}. */
  public static QualityIssue ofRefused(Quarantined item, long atMillis) {
    return new QualityIssue(0, atMillis, IssueKind.ofQuarantineSource(item.source()), item.department(),
        item.departmentName(), item.reasonCode(), item.source(), "", "", item.position() + ": " + item.detail(),
        Optional.empty());
  }

  /** The issue of a received version that contradicts the one held, from {@code peerNode}. */
  public static QualityIssue ofConflict(ReceivedVersion conflict, String peerNode, long atMillis) {
    RecordBody body = conflict.version().body();
    return new QualityIssue(0, atMillis, IssueKind.CONFLICT, body.getSourceDepartment(),
        RecordFields.field(body.getFieldsList(), "source_unit").orElse(""), "conflict",
        "link:" + peerNode, body.getRecordId(), body.getSubjectId(), "version " + body.getVersion()
            + " made by " + body.getOriginNode() + " differs from the version held here"
            + (body.getVersion() == 1 ? "" : " (or its record was made by another node)"),
        Optional.empty());
  }

  public boolean open() {
    return resolution.isEmpty();
  }
}
