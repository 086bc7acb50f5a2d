package org.cix.federation.admin;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.cix.core.error.CixException;
import org.cix.federation.server.GrpcServers;
import org.cix.proto.v1.AdminGrpc;
import org.cix.proto.v1.BackupChunk;
import org.cix.proto.v1.BackupDone;
import org.cix.proto.v1.BackupRequest;
import org.cix.proto.v1.CheckRequest;
import org.cix.proto.v1.CheckResult;
import org.cix.proto.v1.ExchangeStats;
import org.cix.proto.v1.ExportPackageRequest;
import org.cix.proto.v1.FederationRequest;
import org.cix.proto.v1.FederationView;
import org.cix.proto.v1.HistoryRequest;
import org.cix.proto.v1.IngestAdminGrpc;
import org.cix.proto.v1.IngestProgress;
import org.cix.proto.v1.IngestStart;
import org.cix.proto.v1.NodeBackupGrpc;
import org.cix.proto.v1.NodeStatus;
import org.cix.proto.v1.PackageAdminGrpc;
import org.cix.proto.v1.PackageChunk;
import org.cix.proto.v1.PackageExported;
import org.cix.proto.v1.RecordHistory;
import org.cix.proto.v1.RowReject;
import org.cix.proto.v1.StatsRequest;
import org.cix.proto.v1.StatusRequest;
import org.cix.proto.v1.SubjectProfile;
import org.cix.proto.v1.SubjectRequest;
import org.cix.proto.v1.SyncOverview;
import org.cix.proto.v1.SyncStatusRequest;

/**
 * The CLI's side of the admin port, on loopback, every call with a deadline: the node's own
 * calls here, the rest by concern ({@link #access}, {@link #corrections}, {@link #quality},
 * {@link #trust}).
 */
public final class AdminClient implements AutoCloseable {
  private final ManagedChannel channel;
  private final AdminCalls calls;
  private final AdminGrpc.AdminBlockingStub stub;
  private final IngestAdminGrpc.IngestAdminStub async;
  private final PackageAdminGrpc.PackageAdminBlockingStub packages;
  private final NodeBackupGrpc.NodeBackupBlockingStub backups;
  private final AccessClient access;
  private final CorrectionClient corrections;
  private final QualityClient quality;
  private final TrustClient trust;

  public AdminClient(int port, String token, Duration deadline) {
    this.channel = NettyChannelBuilder
        .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
        .usePlaintext()
        .build();
    Metadata headers = new Metadata();
    headers.put(AdminToken.HEADER, AdminToken.SCHEME + token);
    Channel withToken = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    this.calls = new AdminCalls(deadline, port);
    this.stub = AdminGrpc.newBlockingStub(withToken);
    this.async = IngestAdminGrpc.newStub(withToken);
    this.packages = PackageAdminGrpc.newBlockingStub(withToken);
    this.backups = NodeBackupGrpc.newBlockingStub(withToken);
    this.access = new AccessClient(withToken, calls);
    this.corrections = new CorrectionClient(withToken, calls);
    this.quality = new QualityClient(withToken, calls);
    this.trust = new TrustClient(withToken, calls);
  }

  public AccessClient access() {
    return access;
  }

  public CorrectionClient corrections() {
    return corrections;
  }

  public QualityClient quality() {
    return quality;
  }

  public TrustClient trust() {
    return trust;
  }

  /** @throws CixException when the node refuses or cannot be reached */
  public NodeStatus status() {
    return calls.call(stub, s -> s.status(StatusRequest.getDefaultInstance()));
  }

  public RecordHistory history(String recordId) {
    return calls.call(stub, s -> s.history(HistoryRequest.newBuilder().setRecordId(recordId).build()));
  }

  public SyncOverview syncStatus() {
    return calls.call(stub, s -> s.syncStatus(SyncStatusRequest.getDefaultInstance()));
  }

  public SubjectProfile subject(String subjectId) {
    return calls.call(stub, s -> s.subject(SubjectRequest.newBuilder().setSubjectId(subjectId)
        .setAsker(System.getProperty("user.name", "")).build()));
  }

  public CheckResult check(CheckRequest request) {
    return calls.call(stub, s -> s.check(request));
  }

  public ExchangeStats stats(long sinceMillis) {
    return calls.call(stub, s -> s.stats(StatsRequest.newBuilder().setSinceMillis(sinceMillis).build()));
  }

  public FederationView federation() {
    return calls.call(stub, s -> s.federation(FederationRequest.getDefaultInstance()));
  }

  /**
   * Receives a credit package into {@code out} as the node sends it.
   *
   * @param timeout the whole export's deadline
   * @return what the package holds
   */
  public PackageExported exportPackage(ExportPackageRequest request, OutputStream out, Duration timeout) {
    return exportPackage(request, out, timeout, bytes -> { });
  }

  /** The same, telling {@code received} the bytes written so far after each chunk. */
  public PackageExported exportPackage(ExportPackageRequest request, OutputStream out, Duration timeout,
      LongConsumer received) {
    return ChunkDownload.of("package", () -> packages.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exportPackage(request), PackageChunk::getData, c -> c.hasDone() ? c.getDone() : null, out, received,
        calls::failure);
  }

  /**
   * A copy of everything the node holds, taken while it runs (the format of {@code cix node
   * export}), written to {@code out}; {@code received} is told the bytes so far after each chunk.
   */
  public BackupDone backup(String askedBy, OutputStream out, Duration timeout,
      LongConsumer received) {
    return ChunkDownload.of("backup", () -> backups.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .backup(BackupRequest.newBuilder().setAskedBy(askedBy).build()), BackupChunk::getData,
        c -> c.hasDone() ? c.getDone() : null, out, received, calls::failure);
  }

  /**
   * Streams {@code file} to the node for ingest; rejects and progress arrive as they happen.
   *
   * @param timeout the whole ingest's deadline
   * @return the final counts
   */
  public IngestProgress ingest(IngestStart start, InputStream file, Consumer<RowReject> rejects,
      Consumer<IngestProgress> progress, Duration timeout) {
    IngestUpload upload = new IngestUpload(start, file, rejects, progress);
    async.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS).ingest(upload);
    upload.begin();
    try {
      return upload.await();
    } catch (StatusRuntimeException e) {
      throw calls.failure(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CixException(CixException.Kind.UNAVAILABLE, "interrupted");
    }
  }

  @Override
  public void close() {
    GrpcServers.stop(channel, Duration.ofSeconds(2));
  }
}
