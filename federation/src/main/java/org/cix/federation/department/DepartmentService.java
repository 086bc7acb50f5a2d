package org.cix.federation.department;

import static org.cix.federation.rpc.StatusMapping.answer;

import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.cix.core.account.Account;
import org.cix.core.account.Role;
import org.cix.core.correction.CorrectionRequest;
import org.cix.core.correction.Corrections;
import org.cix.core.correction.RequestKind;
import org.cix.core.discipline.CheckRequest;
import org.cix.core.audit.AuditEvent;
import org.cix.core.error.CixException;
import org.cix.core.node.NodeServices;
import org.cix.core.profile.FederatedProfiles;
import org.cix.core.profile.SubjectQuestion;
import org.cix.federation.admin.AccountProtos;
import org.cix.federation.admin.AuditProtos;
import org.cix.federation.admin.CheckProtos;
import org.cix.federation.admin.StatsProtos;
import org.cix.federation.admin.CorrectionProtos;
import org.cix.federation.admin.QualityProtos;
import org.cix.federation.admin.ProfileProtos;
import org.cix.federation.metrics.NodeMetrics;
import org.cix.proto.v1.AccountInfo;
import org.cix.proto.v1.AuditEntries;
import org.cix.proto.v1.CheckResult;
import org.cix.proto.v1.ExchangeStats;
import org.cix.proto.v1.ListAuditRequest;
import org.cix.proto.v1.StatsRequest;
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
import org.cix.proto.v1.FederationRequest;
import org.cix.proto.v1.FederationView;
import org.cix.proto.v1.FindSubjectsRequest;
import org.cix.proto.v1.LoginRequest;
import org.cix.proto.v1.SubjectMatch;
import org.cix.proto.v1.SubjectMatches;
import org.cix.proto.v1.QualityIssueInfo;
import org.cix.proto.v1.QualityResolution;
import org.cix.proto.v1.RecordHistory;
import org.cix.proto.v1.RecordHistoryRequest;
import org.cix.proto.v1.LoginResult;
import org.cix.proto.v1.ProfileRequest;
import org.cix.proto.v1.Receipt;
import org.cix.proto.v1.SubjectCheckRequest;
import org.cix.proto.v1.SubjectProfile;
import org.cix.proto.v1.SubmissionList;
import org.cix.proto.v1.SubmitRequest;
import org.cix.proto.v1.WhoAmIRequest;

/** The department API's operations, each under the caller's account and allowed by its roles. */
final class DepartmentService extends DepartmentGrpc.DepartmentImplBase {
  /** Submissions listed unless asked otherwise. */
  private static final int LISTED = 100;
  private static final int NAMED = 20;
  private final Supplier<FederationView> federation;

  private final String selfNode;
  private final NodeServices backend;
  private final ExecutorService ingest;
  private final NodeMetrics metrics;
  private final Path spool;
  private final long largestSubmission;

  DepartmentService(String selfNode, NodeServices backend, ExecutorService ingest, NodeMetrics metrics, Path spool,
      long largestSubmission, Supplier<FederationView> federation) {
    this.selfNode = selfNode;
    this.federation = federation;
    this.backend = backend;
    this.ingest = ingest;
    this.metrics = metrics;
    this.spool = spool;
    this.largestSubmission = largestSubmission;
  }

  @Override
  public void login(LoginRequest request, StreamObserver<LoginResult> response) {
    answer(response, () -> {
      var session = backend.access().accounts().login(request.getAccount(), request.getPassword().toCharArray());
      return LoginResult.newBuilder().setToken(session.token()).setExpiresAtMillis(session.expires().toEpochMilli())
          .build();
    });
  }

  @Override
  public void whoAmI(WhoAmIRequest request, StreamObserver<AccountInfo> response) {
    answer(response, () -> AccountProtos.account(Caller.current()));
  }

  @Override
  public StreamObserver<SubmitRequest> submit(StreamObserver<Receipt> response) {
    return new SubmitCall(response, Caller.current(), backend.catalog(), backend.access().submissions(), ingest, spool,
        largestSubmission);
  }

  @Override
  public void getReceipt(GetReceiptRequest request, StreamObserver<Receipt> response) {
    answer(response, () -> DepartmentProtos.receipt(backend.access().submissions().receipt(Caller.current(),
        request.getSubmissionId())));
  }

  @Override
  public void listSubmissions(ListSubmissionsRequest request, StreamObserver<SubmissionList> response) {
    answer(response, () -> {
      SubmissionList.Builder list = SubmissionList.newBuilder();
      backend.access().submissions().list(Caller.current(), request.getLimit() == 0 ? LISTED : request.getLimit())
          .forEach(s -> list.addSubmissions(DepartmentProtos.submission(s)));
      return list.build();
    });
  }

  @Override
  public void check(SubjectCheckRequest request, StreamObserver<CheckResult> response) {
    answer(response, () -> {
      Account account = Caller.current();
      account.require(Role.CHECKER, "check subjects");
      requirePurpose(request.getPurpose());
      org.cix.core.discipline.CheckResult result = backend.discipline().check(new CheckRequest(
          request.getSubjectId(), request.getAction(), account.actor(), request.getPurpose()));
      metrics.checked(result.decision());
      return CheckProtos.toProto(result);
    });
  }

  @Override
  public void profile(ProfileRequest request, StreamObserver<SubjectProfile> response) {
    answer(response, () -> {
      Account account = Caller.current();
      account.require(Role.CHECKER, "read profiles");
      requirePurpose(request.getPurpose());
      backend.auditPersonQuery(request.getSubjectId(), account.actor(), "profile.person",
          "purpose=" + request.getPurpose());
      return ProfileProtos.toProto(backend.federated().answer(new SubjectQuestion(request.getSubjectId(), Set.of(),
          request.getPurpose(), account.actor(), selfNode, List.of()), FederatedProfiles.DEFAULT_WAIT));
    });
  }

  @Override
  public void findSubjects(FindSubjectsRequest request, StreamObserver<SubjectMatches> response) {
    answer(response, () -> {
      Account account = Caller.current();
      account.require(Role.CHECKER, "find subjects");
      requirePurpose(request.getPurpose());
      var found = backend.profiles().named(request.getName(), request.getLimit() == 0 ? NAMED : request.getLimit());
      backend.audit().append(new AuditEvent(backend.clock().instant(), account.actor(), "subjects.find", "",
          "name=" + request.getName().strip() + " purpose=" + request.getPurpose() + " found=" + found.size()));
      SubjectMatches.Builder matches = SubjectMatches.newBuilder();
      found.forEach(f -> matches.addSubjects(SubjectMatch.newBuilder().setSubjectId(f.subjectId()).setName(f.name())));
      return matches.build();
    });
  }

  @Override
  public void history(RecordHistoryRequest request, StreamObserver<RecordHistory> response) {
    answer(response, () -> {
      Account account = Caller.current();
      account.require(Role.CHECKER, "read records' histories");
      requirePurpose(request.getPurpose());
      var versions = backend.profiles().history(request.getRecordId());
      if (versions.isEmpty()) {
        throw CixException.notFound("no record " + request.getRecordId() + " is held here");
      }
      backend.auditPersonQuery(versions.get(0).stored().version().body().getSubjectId(), account.actor(),
          "history.person", "purpose=" + request.getPurpose() + " record=" + request.getRecordId());
      return ProfileProtos.history(request.getRecordId(), versions);
    });
  }

  @Override
  public void fileRequest(RequestFiling request, StreamObserver<CorrectionInfo> response) {
    answer(response, () -> correction(backend.access().requests().file(Caller.current(), new Corrections.Filing(
        RequestKind.of(request.getKind()), request.getSubjectId(), request.getRecordId(), request.getReason(),
        request.getEvidence(), request.getContact(), request.getConditions(), ""))));
  }

  @Override
  public void listRequests(ListRequestsRequest request, StreamObserver<CorrectionList> response) {
    answer(response, () -> {
      CorrectionList.Builder list = CorrectionList.newBuilder();
      backend.access().requests().mine(Caller.current(), request.getOpenOnly())
          .forEach(r -> list.addCorrections(correction(r)));
      return list.build();
    });
  }

  @Override
  public void decideRequest(RequestDecision request, StreamObserver<CorrectionInfo> response) {
    answer(response, () -> {
      Map<String, String> corrected = new LinkedHashMap<>();
      request.getCorrectionsList().forEach(f -> corrected.put(f.getKey(), f.getValue()));
      return correction(backend.access().requests().decide(Caller.current(), request.getId(), request.getOutcome(),
          corrected, request.getNote()));
    });
  }

  @Override
  public void listQualityIssues(ListQualityIssuesRequest request, StreamObserver<QualityIssues> response) {
    answer(response, () -> {
      QualityIssues.Builder issues = QualityIssues.newBuilder();
      backend.quality().list(request.getOpenOnly(), Optional.of(Caller.current().department()))
          .forEach(i -> issues.addIssues(QualityProtos.toProto(i)));
      return issues.build();
    });
  }

  @Override
  public void resolveQualityIssue(QualityResolution request, StreamObserver<QualityIssueInfo> response) {
    answer(response, () -> {
      Account account = Caller.current();
      if (!account.roles().contains(Role.SUBMITTER)) {
        account.require(Role.DECIDER, "resolve data-quality issues");
      }
      var issue = backend.quality().get(request.getId()).filter(i -> i.department().equals(account.department()))
          .orElseThrow(() -> CixException.notFound("no quality issue " + request.getId() + " of department "
              + account.department()));
      Map<String, String> corrected = new LinkedHashMap<>();
      request.getCorrectionsList().forEach(f -> corrected.put(f.getKey(), f.getValue()));
      return QualityProtos.toProto(backend.quality().resolve(issue.id(), request.getNote(), corrected,
          account.actor()));
    });
  }

  @Override
  public void listAudit(ListAuditRequest request, StreamObserver<AuditEntries> response) {
    answer(response, () -> {
      Caller.current().require(Role.AUDITOR, "read the audit log");
      return AuditProtos.latest(backend, request.getLimit());
    });
  }

  @Override
  public void stats(StatsRequest request, StreamObserver<ExchangeStats> response) {
    answer(response, () -> {
      Caller.current().require(Role.AUDITOR, "read the exchange's figures");
      return StatsProtos.since(backend, Instant.ofEpochMilli(request.getSinceMillis()), backend.clock());
    });
  }

  @Override
  public void federation(FederationRequest request, StreamObserver<FederationView> response) {
    answer(response, () -> {
      Account account = Caller.current();
      if (!account.has(Role.ADMIN)) {
        account.require(Role.AUDITOR, "read the federation's state");
      }
      return federation.get();
    });
  }

  private CorrectionInfo correction(CorrectionRequest request) {
    return CorrectionProtos.toProto(request, selfNode, backend.corrections().today());
  }

  private static void requirePurpose(String purpose) {
    if (purpose.isBlank()) {
      throw CixException.invalidInput("state the purpose of the question: it is recorded with it");
    }
  }
}
