package org.cix.federation.admin;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import org.cix.proto.v1.CorrectionInfo;
import org.cix.proto.v1.CorrectionList;
import org.cix.proto.v1.DecideCorrectionRequest;
import org.cix.proto.v1.FileCorrectionRequest;
import org.cix.proto.v1.ListCorrectionsRequest;
import org.cix.proto.v1.ShowCorrectionRequest;
import org.cix.proto.v1.ListQualityRequest;
import org.cix.proto.v1.QualityDepartmentsRequest;
import org.cix.proto.v1.QualityFigures;
import org.cix.proto.v1.QualityIssueInfo;
import org.cix.proto.v1.QualityIssues;
import org.cix.proto.v1.ResolveQualityRequest;
import org.cix.proto.v1.ShowQualityRequest;
import org.cix.proto.v1.ExportPackageRequest;
import org.cix.proto.v1.FederationRequest;
import org.cix.proto.v1.FederationView;
import org.cix.proto.v1.PackageChunk;
import org.cix.proto.v1.PackageExported;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.cix.core.error.CixException;
import org.cix.federation.rpc.StatusMapping;
import org.cix.federation.server.GrpcServers;
import org.cix.proto.v1.AdminGrpc;
import org.cix.proto.v1.AccountAdminGrpc;
import org.cix.proto.v1.AccountInfo;
import org.cix.proto.v1.AccountList;
import org.cix.proto.v1.AddAccountRequest;
import org.cix.proto.v1.AddedAccount;
import org.cix.proto.v1.CertificateAdminGrpc;
import org.cix.proto.v1.ListAccountsRequest;
import org.cix.proto.v1.RevokeAccountRequest;
import org.cix.proto.v1.CertificatesRenewed;
import org.cix.proto.v1.ExchangeStats;
import org.cix.proto.v1.StatsRequest;
import org.cix.proto.v1.AuditEntries;
import org.cix.proto.v1.AuditReport;
import org.cix.proto.v1.ListAuditRequest;
import org.cix.proto.v1.VerifyAuditRequest;
import org.cix.proto.v1.GrantInfo;
import org.cix.proto.v1.GrantList;
import org.cix.proto.v1.IssueGrantRequest;
import org.cix.proto.v1.ListGrantsRequest;
import org.cix.proto.v1.RevokeGrantRequest;
import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.List;
import org.cix.proto.v1.ListRevocationsRequest;
import org.cix.proto.v1.PublishRevocationsRequest;
import org.cix.proto.v1.RevocationLists;
import org.cix.proto.v1.DepartmentInfo;
import org.cix.proto.v1.DepartmentList;
import org.cix.proto.v1.ListDepartmentsRequest;
import org.cix.proto.v1.RenewNowRequest;
import org.cix.proto.v1.ResealRequest;
import org.cix.proto.v1.Resealed;
import org.cix.proto.v1.RegisterDepartmentRequest;
import org.cix.proto.v1.WithdrawDepartmentRequest;
import org.cix.proto.v1.RevocationsPublished;
import org.cix.proto.v1.CheckRequest;
import org.cix.proto.v1.CheckResult;
import org.cix.proto.v1.NodeStatus;
import org.cix.proto.v1.StatusRequest;
import org.cix.proto.v1.SyncOverview;
import org.cix.proto.v1.HistoryRequest;
import org.cix.proto.v1.RecordHistory;
import org.cix.proto.v1.SyncStatusRequest;
import org.cix.proto.v1.IngestProgress;
import org.cix.proto.v1.IngestStart;
import org.cix.proto.v1.RowReject;
import org.cix.proto.v1.SubjectProfile;
import org.cix.proto.v1.SubjectRequest;
import java.io.InputStream;
import java.util.function.Consumer;

/** The CLI's side of the admin service, on loopback, every call with a deadline. */
public final class AdminClient implements AutoCloseable {
  private final ManagedChannel channel;
  private final AdminGrpc.AdminBlockingStub stub;
  private final AdminGrpc.AdminStub async;
  private final CertificateAdminGrpc.CertificateAdminBlockingStub certificates;
  private final AccountAdminGrpc.AccountAdminBlockingStub accounts;
  private final org.cix.proto.v1.NodeBackupGrpc.NodeBackupBlockingStub backups;
  private final org.cix.proto.v1.GrantAdminGrpc.GrantAdminBlockingStub grants;
  private final org.cix.proto.v1.RevocationAdminGrpc.RevocationAdminBlockingStub revocations;
  private final org.cix.proto.v1.DepartmentAdminGrpc.DepartmentAdminBlockingStub registry;
  private final org.cix.proto.v1.CorrectionAdminGrpc.CorrectionAdminBlockingStub corrections;
  private final org.cix.proto.v1.QualityAdminGrpc.QualityAdminBlockingStub quality;
  private final Duration deadline;
  private final int port;

  public AdminClient(int port, String token, Duration deadline) {
    this.port = port;
    this.channel = NettyChannelBuilder
        .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
        .usePlaintext()
        .build();
    Metadata headers = new Metadata();
    headers.put(AdminToken.HEADER, AdminToken.SCHEME + token);
    this.stub = AdminGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    this.async = AdminGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    this.certificates = CertificateAdminGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    this.accounts = AccountAdminGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    this.backups = org.cix.proto.v1.NodeBackupGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    this.grants = org.cix.proto.v1.GrantAdminGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    this.revocations = org.cix.proto.v1.RevocationAdminGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    this.registry = org.cix.proto.v1.DepartmentAdminGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    this.corrections = org.cix.proto.v1.CorrectionAdminGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    this.quality = org.cix.proto.v1.QualityAdminGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    this.deadline = deadline;
  }

  public AddedAccount addAccount(AddAccountRequest request) {
    return accountCall(a -> a.addAccount(request));
  }

  public AccountList listAccounts() {
    return accountCall(a -> a.listAccounts(ListAccountsRequest.getDefaultInstance()));
  }

  public AccountInfo revokeAccount(String name) {
    return accountCall(a -> a.revokeAccount(RevokeAccountRequest.newBuilder().setName(name).build()));
  }

  private <T> T accountCall(java.util.function.Function<AccountAdminGrpc.AccountAdminBlockingStub, T> call) {
    return call(accounts, call);
  }

  /** @throws org.cix.core.error.CixException when the node refuses or cannot be reached */
  public NodeStatus status() {
    return call(s -> s.status(StatusRequest.getDefaultInstance()));
  }

  public RecordHistory history(String recordId) {
    return call(s -> s.history(HistoryRequest.newBuilder().setRecordId(recordId).build()));
  }

  public SyncOverview syncStatus() {
    return call(s -> s.syncStatus(SyncStatusRequest.getDefaultInstance()));
  }

  public SubjectProfile subject(String subjectId) {
    return call(s -> s.subject(SubjectRequest.newBuilder().setSubjectId(subjectId)
        .setAsker(System.getProperty("user.name", "")).build()));
  }

  public CheckResult check(CheckRequest request) {
    return call(s -> s.check(request));
  }

  public GrantInfo issueGrant(IssueGrantRequest request) {
    return call(grants, s -> s.issueGrant(request));
  }

  public GrantList listGrants() {
    return call(grants, s -> s.listGrants(ListGrantsRequest.getDefaultInstance()));
  }

  public GrantInfo revokeGrant(long id) {
    return call(grants, s -> s.revokeGrant(RevokeGrantRequest.newBuilder().setId(id).build()));
  }

  public RevocationsPublished publishRevocations(byte[] crl, List<byte[]> issuerChain) {
    PublishRevocationsRequest.Builder request = PublishRevocationsRequest.newBuilder().setCrl(ByteString.copyFrom(crl));
    issuerChain.forEach(der -> request.addIssuerChain(ByteString.copyFrom(der)));
    return call(revocations, s -> s.publishRevocations(request.build()));
  }

  public RevocationLists listRevocations() {
    return call(revocations, s -> s.listRevocations(ListRevocationsRequest.getDefaultInstance()));
  }

  public DepartmentInfo registerDepartment(String uscc, String name, Collection<String> recordTypes) {
    return call(registry, s -> s.registerDepartment(RegisterDepartmentRequest.newBuilder().setUscc(uscc).setName(name)
        .addAllRecordTypes(recordTypes).build()));
  }

  public DepartmentInfo withdrawDepartment(String uscc) {
    return call(registry, s -> s.withdrawDepartment(WithdrawDepartmentRequest.newBuilder().setUscc(uscc).build()));
  }

  public DepartmentList listDepartments() {
    return call(registry, s -> s.listDepartments(ListDepartmentsRequest.getDefaultInstance()));
  }

  /** Renews the node's certificates now over the link to its parent (which may take the parent's deadline). */
  public CertificatesRenewed renewCertificates() {
    return renewCertificates(false);
  }

  /** The same; with {@code newKeys}, new keys even when the parent cannot extend the certificates. */
  public CertificatesRenewed renewCertificates(boolean newKeys) {
    try {
      return certificates.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .renewNow(RenewNowRequest.newBuilder().setNewKeys(newKeys).build());
    } catch (StatusRuntimeException e) {
      throw failure(e);
    }
  }

  /**
   * Reseals the node's own current records not sealed under its sealing certificate in force
   * (those sealed at or after {@code sealedSince}, when given); may take long on a large node.
   */
  public Resealed reseal(java.util.Optional<java.time.Instant> sealedSince, String by) {
    try {
      return certificates.withDeadlineAfter(Math.max(deadline.toMillis(), 3_600_000L), TimeUnit.MILLISECONDS)
          .reseal(ResealRequest.newBuilder().setSealedSinceMillis(sealedSince.map(java.time.Instant::toEpochMilli)
              .orElse(0L)).setBy(by).build());
    } catch (StatusRuntimeException e) {
      throw failure(e);
    }
  }

  public AuditReport verifyAudit() {
    return call(s -> s.verifyAudit(VerifyAuditRequest.getDefaultInstance()));
  }

  public AuditEntries listAudit(int limit) {
    return call(s -> s.listAudit(ListAuditRequest.newBuilder().setLimit(limit).build()));
  }

  public ExchangeStats stats(long sinceMillis) {
    return call(s -> s.stats(StatsRequest.newBuilder().setSinceMillis(sinceMillis).build()));
  }

  public CorrectionInfo fileCorrection(FileCorrectionRequest request) {
    return call(corrections, s -> s.fileCorrection(request));
  }

  public CorrectionList listCorrections(ListCorrectionsRequest request) {
    return call(corrections, s -> s.listCorrections(request));
  }

  public CorrectionInfo showCorrection(String id) {
    return call(corrections, s -> s.showCorrection(ShowCorrectionRequest.newBuilder().setId(id).build()));
  }

  public CorrectionInfo decideCorrection(DecideCorrectionRequest request) {
    return call(corrections, s -> s.decideCorrection(request));
  }

  public QualityIssues listQuality(ListQualityRequest request) {
    return call(quality, s -> s.listQuality(request));
  }

  public QualityIssueInfo showQuality(long id) {
    return call(quality, s -> s.showQuality(ShowQualityRequest.newBuilder().setId(id).build()));
  }

  public QualityIssueInfo resolveQuality(ResolveQualityRequest request) {
    return call(quality, s -> s.resolveQuality(request));
  }

  public FederationView federation() {
    return call(s -> s.federation(FederationRequest.getDefaultInstance()));
  }

  public QualityFigures qualityDepartments() {
    return call(quality, s -> s.qualityDepartments(QualityDepartmentsRequest.getDefaultInstance()));
  }

  /**
   * Receives a credit package into {@code out} as the node sends it.
   *
   * @param timeout the whole export's deadline
   * @return what the package holds
   */
  public PackageExported exportPackage(ExportPackageRequest request, java.io.OutputStream out, Duration timeout) {
    return exportPackage(request, out, timeout, bytes -> { });
  }

  /** The same, telling {@code received} the bytes written so far after each chunk. */
  public PackageExported exportPackage(ExportPackageRequest request, java.io.OutputStream out, Duration timeout,
      java.util.function.LongConsumer received) {
    return download("package", () -> stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exportPackage(request), PackageChunk::getData, c -> c.hasDone() ? c.getDone() : null, out, received);
  }

  /**
   * A copy of everything the node holds, taken while it runs (the format of {@code cix node
   * export}), written to {@code out}; {@code received} is told the bytes so far after each chunk.
   */
  public org.cix.proto.v1.BackupDone backup(String askedBy, java.io.OutputStream out, Duration timeout,
      java.util.function.LongConsumer received) {
    return download("backup", () -> backups.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .backup(org.cix.proto.v1.BackupRequest.newBuilder().setAskedBy(askedBy).build()),
        org.cix.proto.v1.BackupChunk::getData,
        c -> c.hasDone() ? c.getDone() : null, out, received);
  }

  /** Writes the data of a stream of chunks to {@code out} and answers its last message's summary. */
  private <M, D> D download(String what, java.util.function.Supplier<java.util.Iterator<M>> call,
      java.util.function.Function<M, com.google.protobuf.ByteString> data, java.util.function.Function<M, D> done,
      java.io.OutputStream out, java.util.function.LongConsumer received) {
    long bytes = 0;
    try {
      java.util.Iterator<M> chunks = call.get();
      D summary = null;
      while (chunks.hasNext()) {
        M chunk = chunks.next();
        com.google.protobuf.ByteString part = data.apply(chunk);
        part.writeTo(out);
        bytes += part.size();
        received.accept(bytes);
        summary = java.util.Optional.ofNullable(done.apply(chunk)).orElse(summary);
      }
      if (summary == null) {
        throw new org.cix.core.error.CixException(org.cix.core.error.CixException.Kind.UNAVAILABLE,
            "the " + what + " ended before the node said it was complete");
      }
      return summary;
    } catch (StatusRuntimeException e) {
      throw failure(e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One unary call with the client's deadline; the node's refusal as a domain error. */
  private <T> T call(java.util.function.Function<AdminGrpc.AdminBlockingStub, T> call) {
    return call(stub, call);
  }

  /** One unary call on {@code stub} (any of the admin port's services) with the client's deadline. */
  private <S extends io.grpc.stub.AbstractStub<S>, T> T call(S service, java.util.function.Function<S, T> call) {
    try {
      return call.apply(service.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
    } catch (StatusRuntimeException e) {
      throw failure(e);
    }
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
      throw failure(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new org.cix.core.error.CixException(org.cix.core.error.CixException.Kind.UNAVAILABLE, "interrupted");
    }
  }

  private CixException failure(StatusRuntimeException e) {
    return StatusMapping.toDomain(e, "lost the connection to the node on admin port " + port
        + " (did it stop? cix status tells)");
  }

  @Override
  public void close() {
    GrpcServers.stop(channel, Duration.ofSeconds(2));
  }
}
