package org.cix.federation.admin;

import com.google.protobuf.ByteString;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.cix.core.error.CixException;
import org.cix.federation.rpc.StatusMapping;
import org.cix.federation.server.GrpcServers;
import org.cix.proto.v1.AccountAdminGrpc;
import org.cix.proto.v1.AccountInfo;
import org.cix.proto.v1.AccountList;
import org.cix.proto.v1.AddAccountRequest;
import org.cix.proto.v1.AddedAccount;
import org.cix.proto.v1.AdminGrpc;
import org.cix.proto.v1.AuditAdminGrpc;
import org.cix.proto.v1.AuditEntries;
import org.cix.proto.v1.AuditReport;
import org.cix.proto.v1.BackupChunk;
import org.cix.proto.v1.BackupDone;
import org.cix.proto.v1.BackupRequest;
import org.cix.proto.v1.CertificateAdminGrpc;
import org.cix.proto.v1.CertificatesRenewed;
import org.cix.proto.v1.CheckRequest;
import org.cix.proto.v1.CheckResult;
import org.cix.proto.v1.CorrectionAdminGrpc;
import org.cix.proto.v1.CorrectionInfo;
import org.cix.proto.v1.CorrectionList;
import org.cix.proto.v1.DecideCorrectionRequest;
import org.cix.proto.v1.DepartmentAdminGrpc;
import org.cix.proto.v1.DepartmentInfo;
import org.cix.proto.v1.DepartmentList;
import org.cix.proto.v1.ExchangeStats;
import org.cix.proto.v1.ExportPackageRequest;
import org.cix.proto.v1.FederationRequest;
import org.cix.proto.v1.FederationView;
import org.cix.proto.v1.FileCorrectionRequest;
import org.cix.proto.v1.GrantAdminGrpc;
import org.cix.proto.v1.GrantInfo;
import org.cix.proto.v1.GrantList;
import org.cix.proto.v1.HistoryRequest;
import org.cix.proto.v1.IngestAdminGrpc;
import org.cix.proto.v1.IngestProgress;
import org.cix.proto.v1.IngestStart;
import org.cix.proto.v1.IssueGrantRequest;
import org.cix.proto.v1.ListAccountsRequest;
import org.cix.proto.v1.ListAuditRequest;
import org.cix.proto.v1.ListCorrectionsRequest;
import org.cix.proto.v1.ListDepartmentsRequest;
import org.cix.proto.v1.ListGrantsRequest;
import org.cix.proto.v1.ListQualityRequest;
import org.cix.proto.v1.ListRevocationsRequest;
import org.cix.proto.v1.NodeBackupGrpc;
import org.cix.proto.v1.NodeStatus;
import org.cix.proto.v1.PackageAdminGrpc;
import org.cix.proto.v1.PackageChunk;
import org.cix.proto.v1.PackageExported;
import org.cix.proto.v1.PublishRevocationsRequest;
import org.cix.proto.v1.QualityAdminGrpc;
import org.cix.proto.v1.QualityDepartmentsRequest;
import org.cix.proto.v1.QualityFigures;
import org.cix.proto.v1.QualityIssueInfo;
import org.cix.proto.v1.QualityIssues;
import org.cix.proto.v1.RecordHistory;
import org.cix.proto.v1.RegisterDepartmentRequest;
import org.cix.proto.v1.RenewNowRequest;
import org.cix.proto.v1.ResealRequest;
import org.cix.proto.v1.Resealed;
import org.cix.proto.v1.ResolveQualityRequest;
import org.cix.proto.v1.RevocationAdminGrpc;
import org.cix.proto.v1.RevocationLists;
import org.cix.proto.v1.RevocationsPublished;
import org.cix.proto.v1.RevokeAccountRequest;
import org.cix.proto.v1.RevokeGrantRequest;
import org.cix.proto.v1.RowReject;
import org.cix.proto.v1.ShowCorrectionRequest;
import org.cix.proto.v1.ShowQualityRequest;
import org.cix.proto.v1.StatsRequest;
import org.cix.proto.v1.StatusRequest;
import org.cix.proto.v1.SubjectProfile;
import org.cix.proto.v1.SubjectRequest;
import org.cix.proto.v1.SyncOverview;
import org.cix.proto.v1.SyncStatusRequest;
import org.cix.proto.v1.VerifyAuditRequest;
import org.cix.proto.v1.WithdrawDepartmentRequest;

/** The CLI's side of the admin service, on loopback, every call with a deadline. */
public final class AdminClient implements AutoCloseable {
  private final ManagedChannel channel;
  private final AdminGrpc.AdminBlockingStub stub;
  private final IngestAdminGrpc.IngestAdminStub async;
  private final AuditAdminGrpc.AuditAdminBlockingStub audit;
  private final PackageAdminGrpc.PackageAdminBlockingStub packages;
  private final CertificateAdminGrpc.CertificateAdminBlockingStub certificates;
  private final AccountAdminGrpc.AccountAdminBlockingStub accounts;
  private final NodeBackupGrpc.NodeBackupBlockingStub backups;
  private final GrantAdminGrpc.GrantAdminBlockingStub grants;
  private final RevocationAdminGrpc.RevocationAdminBlockingStub revocations;
  private final DepartmentAdminGrpc.DepartmentAdminBlockingStub registry;
  private final CorrectionAdminGrpc.CorrectionAdminBlockingStub corrections;
  private final QualityAdminGrpc.QualityAdminBlockingStub quality;
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
    ClientInterceptor withToken = MetadataUtils.newAttachHeadersInterceptor(headers);
    this.stub = AdminGrpc.newBlockingStub(channel).withInterceptors(withToken);
    this.async = IngestAdminGrpc.newStub(channel).withInterceptors(withToken);
    this.audit = AuditAdminGrpc.newBlockingStub(channel).withInterceptors(withToken);
    this.packages = PackageAdminGrpc.newBlockingStub(channel).withInterceptors(withToken);
    this.certificates = CertificateAdminGrpc.newBlockingStub(channel).withInterceptors(withToken);
    this.accounts = AccountAdminGrpc.newBlockingStub(channel).withInterceptors(withToken);
    this.backups = NodeBackupGrpc.newBlockingStub(channel).withInterceptors(withToken);
    this.grants = GrantAdminGrpc.newBlockingStub(channel).withInterceptors(withToken);
    this.revocations = RevocationAdminGrpc.newBlockingStub(channel).withInterceptors(withToken);
    this.registry = DepartmentAdminGrpc.newBlockingStub(channel).withInterceptors(withToken);
    this.corrections = CorrectionAdminGrpc.newBlockingStub(channel).withInterceptors(withToken);
    this.quality = QualityAdminGrpc.newBlockingStub(channel).withInterceptors(withToken);
    this.deadline = deadline;
  }

  public AddedAccount addAccount(AddAccountRequest request) {
    return call(accounts, a -> a.addAccount(request));
  }

  public AccountList listAccounts() {
    return call(accounts, a -> a.listAccounts(ListAccountsRequest.getDefaultInstance()));
  }

  public AccountInfo revokeAccount(String name) {
    return call(accounts, a -> a.revokeAccount(RevokeAccountRequest.newBuilder().setName(name).build()));
  }

  /** @throws CixException when the node refuses or cannot be reached */
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
    return call(certificates, s -> s.renewNow(RenewNowRequest.newBuilder().setNewKeys(newKeys).build()));
  }

  /**
   * Reseals the node's own current records not sealed under its sealing certificate in force
   * (those sealed at or after {@code sealedSince}, when given); may take long on a large node.
   */
  public Resealed reseal(Optional<Instant> sealedSince, String by) {
    return call(certificates, Duration.ofMillis(Math.max(deadline.toMillis(), 3_600_000L)), s -> s.reseal(
        ResealRequest.newBuilder().setSealedSinceMillis(sealedSince.map(Instant::toEpochMilli).orElse(0L)).setBy(by)
            .build()));
  }

  public AuditReport verifyAudit() {
    return call(audit, s -> s.verifyAudit(VerifyAuditRequest.getDefaultInstance()));
  }

  public AuditEntries listAudit(int limit) {
    return call(audit, s -> s.listAudit(ListAuditRequest.newBuilder().setLimit(limit).build()));
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
  public PackageExported exportPackage(ExportPackageRequest request, OutputStream out, Duration timeout) {
    return exportPackage(request, out, timeout, bytes -> { });
  }

  /** The same, telling {@code received} the bytes written so far after each chunk. */
  public PackageExported exportPackage(ExportPackageRequest request, OutputStream out, Duration timeout,
      LongConsumer received) {
    return ChunkDownload.of("package", () -> packages.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exportPackage(request), PackageChunk::getData, c -> c.hasDone() ? c.getDone() : null, out, received,
        this::failure);
  }

  /**
   * A copy of everything the node holds, taken while it runs (the format of {@code cix node
   * export}), written to {@code out}; {@code received} is told the bytes so far after each chunk.
   */
  public BackupDone backup(String askedBy, OutputStream out, Duration timeout,
      LongConsumer received) {
    return ChunkDownload.of("backup", () -> backups.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .backup(BackupRequest.newBuilder().setAskedBy(askedBy).build()), BackupChunk::getData,
        c -> c.hasDone() ? c.getDone() : null, out, received, this::failure);
  }

  /** One unary call with the client's deadline; the node's refusal as a domain error. */
  private <T> T call(Function<AdminGrpc.AdminBlockingStub, T> call) {
    return call(stub, call);
  }

  /** One unary call on {@code stub} (any of the admin port's services) with the client's deadline. */
  private <S extends AbstractStub<S>, T> T call(S service, Function<S, T> call) {
    return call(service, deadline, call);
  }

  private <S extends AbstractStub<S>, T> T call(S service, Duration within, Function<S, T> call) {
    try {
      return call.apply(service.withDeadlineAfter(within.toMillis(), TimeUnit.MILLISECONDS));
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
      throw new CixException(CixException.Kind.UNAVAILABLE, "interrupted");
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
