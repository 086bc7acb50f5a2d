package org.cix.federation.department;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.cix.federation.rpc.StatusMapping;
import org.cix.proto.v1.AccountAdminGrpc;
import org.cix.proto.v1.AccountInfo;
import org.cix.proto.v1.AccountList;
import org.cix.proto.v1.ListAccountsRequest;
import org.cix.proto.v1.RevokeAccountRequest;
import org.cix.proto.v1.AuditEntries;
import org.cix.proto.v1.CheckResult;
import org.cix.proto.v1.ListAuditRequest;
import org.cix.proto.v1.CorrectionInfo;
import org.cix.proto.v1.CorrectionList;
import org.cix.proto.v1.ListQualityIssuesRequest;
import org.cix.proto.v1.ListRequestsRequest;
import org.cix.proto.v1.QualityIssues;
import org.cix.proto.v1.RequestDecision;
import org.cix.proto.v1.RequestFiling;
import org.cix.proto.v1.DepartmentGrpc;
import org.cix.proto.v1.GetReceiptRequest;
import org.cix.proto.v1.ListSubmissionsRequest;
import org.cix.proto.v1.LoginRequest;
import org.cix.proto.v1.LoginResult;
import org.cix.proto.v1.ProfileRequest;
import org.cix.proto.v1.Receipt;
import org.cix.proto.v1.SubjectCheckRequest;
import org.cix.proto.v1.SubjectProfile;
import org.cix.proto.v1.SubmissionList;
import org.cix.proto.v1.SubmitRequest;
import org.cix.proto.v1.SubmitStart;
import org.cix.proto.v1.WhoAmIRequest;

/**
 * A department's client of a node's department API over TLS: it trusts the node's account CA
 * only, and calls with its account's client certificate or with a bearer token (set by
 * {@link #login}).
 */
public final class DepartmentClient implements AutoCloseable {

  /** The certificate and key of a system's account. */
  public record ClientCertificate(PrivateKey key, X509Certificate certificate) {}

  private final ManagedChannel channel;
  private final Duration deadline;
  private volatile Optional<String> token = Optional.empty();

  public DepartmentClient(String host, int port, X509Certificate accountCa, Optional<ClientCertificate> credential,
      Duration deadline) {
    this.deadline = deadline;
    try {
      SslContextBuilder tls = GrpcSslContexts.forClient().trustManager(accountCa);
      credential.ifPresent(c -> tls.keyManager(c.key(), c.certificate()));
      this.channel = NettyChannelBuilder.forAddress(host, port).sslContext(tls.build()).build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** Logs in as a member of staff; later calls carry the session's token. */
  public LoginResult login(String account, String password) {
    LoginResult result = call(() -> stub().login(LoginRequest.newBuilder().setAccount(account).setPassword(password)
        .build()));
    token = Optional.of(result.getToken());
    return result;
  }

  /** Calls with {@code bearer} as the session token from now on. */
  public void useToken(String bearer) {
    token = Optional.of(bearer);
  }

  public AccountInfo whoAmI() {
    return call(() -> stub().whoAmI(WhoAmIRequest.getDefaultInstance()));
  }

  /** Submits {@code file} as {@code start} describes it; the receipt when the node has taken it all. */
  public Receipt submit(SubmitStart start, InputStream file, Duration wait) {
    try {
      return Uploads.send(async()::submit, SubmitRequest.newBuilder().setStart(start).build(),
          chunk -> SubmitRequest.newBuilder().setData(chunk).build(), file, wait);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (StatusRuntimeException e) {
      throw StatusMapping.toDomain(e, "the node");
    }
  }

  public Receipt receipt(long submissionId) {
    return call(() -> stub().getReceipt(GetReceiptRequest.newBuilder().setSubmissionId(submissionId).build()));
  }

  public SubmissionList submissions(int limit) {
    return call(() -> stub().listSubmissions(ListSubmissionsRequest.newBuilder().setLimit(limit).build()));
  }

  public CheckResult check(String subjectId, String action, String purpose) {
    return call(() -> stub().check(SubjectCheckRequest.newBuilder().setSubjectId(subjectId).setAction(action)
        .setPurpose(purpose).build()));
  }

  public SubjectProfile profile(String subjectId, String purpose) {
    return call(() -> stub().profile(ProfileRequest.newBuilder().setSubjectId(subjectId).setPurpose(purpose).build()));
  }

  public CorrectionInfo fileRequest(RequestFiling filing) {
    return call(() -> stub().fileRequest(filing));
  }

  public CorrectionList requests(boolean openOnly) {
    return call(() -> stub().listRequests(ListRequestsRequest.newBuilder().setOpenOnly(openOnly).build()));
  }

  public CorrectionInfo decide(RequestDecision decision) {
    return call(() -> stub().decideRequest(decision));
  }

  public QualityIssues qualityIssues(boolean openOnly) {
    return call(() -> stub().listQualityIssues(ListQualityIssuesRequest.newBuilder().setOpenOnly(openOnly).build()));
  }

  public org.cix.proto.v1.QualityIssueInfo resolveQualityIssue(long id, String note) {
    return call(() -> stub().resolveQualityIssue(org.cix.proto.v1.QualityResolution.newBuilder().setId(id)
        .setNote(note).build()));
  }

  public org.cix.proto.v1.RecordHistory history(String recordId, String purpose) {
    return call(() -> stub().history(org.cix.proto.v1.RecordHistoryRequest.newBuilder().setRecordId(recordId)
        .setPurpose(purpose).build()));
  }

  public AuditEntries audit(int limit) {
    return call(() -> stub().listAudit(ListAuditRequest.newBuilder().setLimit(limit).build()));
  }

  /** The node's accounts (role admin). */
  public AccountList accounts() {
    return call(() -> accountStub().listAccounts(ListAccountsRequest.getDefaultInstance()));
  }

  /** Revokes an account of the node (role admin). */
  public AccountInfo revokeAccount(String name) {
    return call(() -> accountStub().revokeAccount(RevokeAccountRequest.newBuilder().setName(name).build()));
  }

  private AccountAdminGrpc.AccountAdminBlockingStub accountStub() {
    return withToken(AccountAdminGrpc.newBlockingStub(channel)).withDeadlineAfter(deadline.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private DepartmentGrpc.DepartmentBlockingStub stub() {
    return withToken(DepartmentGrpc.newBlockingStub(channel)).withDeadlineAfter(deadline.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private DepartmentGrpc.DepartmentStub async() {
    return withToken(DepartmentGrpc.newStub(channel));
  }

  private <S extends io.grpc.stub.AbstractStub<S>> S withToken(S stub) {
    if (token.isEmpty()) {
      return stub;
    }
    Metadata headers = new Metadata();
    headers.put(AccountInterceptor.AUTHORIZATION, "Bearer " + token.get());
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static <T> T call(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      throw StatusMapping.toDomain(e, "the node");
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
