package org.cix.federation.admin;

import org.cix.core.ingest.RowProblem;
import org.cix.proto.v1.IngestProgress;
import org.cix.proto.v1.RowReject;

/** Ingest counts and refused rows as the admin and department APIs send them. */
public final class IngestProtos {
  private IngestProtos() {}

  public static IngestProgress progress(org.cix.core.ingest.IngestProgress p) {
    return IngestProgress.newBuilder().setRows(p.rows()).setCreated(p.created()).setUpdated(p.updated())
        .setUnchanged(p.unchanged()).setRejected(p.rejected()).setStored(p.stored()).setBatches(p.batches())
        .setDone(p.done()).build();
  }

  public static RowReject reject(long row, String where, RowProblem problem) {
    return RowReject.newBuilder().setRow(row).setWhere(where).setField(problem.field()).setCode(problem.code())
        .setMessage(problem.message()).build();
  }
}
