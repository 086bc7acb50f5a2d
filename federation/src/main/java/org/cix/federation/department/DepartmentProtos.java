package org.cix.federation.department;

import org.cix.core.ingest.RowProblem;
import org.cix.core.submission.Receipt;
import org.cix.core.submission.Submission;
import org.cix.core.submission.SubmissionReject;
import org.cix.federation.admin.IngestProtos;

/** Receipts as the department API sends them. */
final class DepartmentProtos {
  private DepartmentProtos() {}

  static org.cix.proto.v1.Receipt receipt(Receipt receipt) {
    org.cix.proto.v1.Receipt.Builder proto = submission(receipt.submission()).toBuilder()
        .setRepeated(receipt.repeated());
    for (SubmissionReject reject : receipt.rejects()) {
      proto.addRejects(IngestProtos.reject(reject.row(), reject.where(),
          new RowProblem(reject.field(), reject.code(), reject.message())));
    }
    return proto.build();
  }

  static org.cix.proto.v1.Receipt submission(Submission s) {
    org.cix.proto.v1.Receipt.Builder proto = org.cix.proto.v1.Receipt.newBuilder().setSubmissionId(s.id())
        .setAccount(s.account()).setDepartment(s.department()).setFileName(s.fileName()).setType(s.type())
        .setSha256(s.sha256()).setSubmittedAtMillis(s.at().toEpochMilli()).setFinished(s.finished())
        .setFailure(s.failure().orElse(""));
    s.result().ifPresent(result -> proto.setCounts(IngestProtos.progress(result)));
    return proto.build();
  }
}
