package org.cix.federation.admin;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.AuditLog;
import org.cix.core.store.StoreBackup;
import org.cix.crypto.hash.Hashes;
import org.cix.proto.v1.BackupChunk;
import org.cix.proto.v1.BackupDone;
import org.cix.proto.v1.BackupRequest;
import org.cix.proto.v1.NodeBackupGrpc;

/**
 * {@code cix.v1.NodeBackup} on the admin port: a copy of everything the node holds, taken while it
 * runs, streamed to the operator's {@code cix node backup}; audited with what it held.
 */
public final class BackupAdminService extends NodeBackupGrpc.NodeBackupImplBase {
  private final StoreBackup backup;
  private final AuditLog audit;
  private final Executor worker;
  private final Clock clock;

  /** {@code worker}: where each copy is written, away from the threads that answer calls. */
  public BackupAdminService(StoreBackup backup, AuditLog audit, Executor worker, Clock clock) {
    this.backup = backup;
    this.audit = audit;
    this.worker = worker;
    this.clock = clock;
  }

  @Override
  public void backup(BackupRequest request, StreamObserver<BackupChunk> response) {
    FileDownload<BackupChunk> download = new FileDownload<>("backup", (ServerCallStreamObserver<BackupChunk>) response,
        data -> BackupChunk.newBuilder().setData(data).build());
    worker.execute(() -> download.run(out -> {
      StoreBackup.Copy copy = backup.writeTo(out);
      audit.append(new AuditEvent(clock.instant(), AdminService.operator(request.getAskedBy()), "node.backup", "",
          copy.totalRows() + " rows; versions digest " + Hashes.hex(copy.versionsSha256())));
      return bytes -> BackupChunk.newBuilder().setDone(BackupDone.newBuilder().putAllRows(copy.rows())
          .setVersionsSha256(ByteString.copyFrom(copy.versionsSha256())).setBytes(bytes)).build();
    }));
  }
}
