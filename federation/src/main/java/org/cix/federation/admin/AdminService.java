package org.cix.federation.admin;

import static org.cix.federation.rpc.StatusMapping.answer;

import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.function.IntSupplier;
import io.grpc.stub.ServerCallStreamObserver;
import org.cix.core.store.StoreCounts;
import org.cix.proto.v1.IngestEvent;
import org.cix.proto.v1.IngestRequest;
import org.cix.proto.v1.SubjectProfile;
import org.cix.proto.v1.SubjectRequest;
import org.cix.core.link.LinkState;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.core.node.SoftwareVersion;
import org.cix.federation.link.LinkDirection;
import org.cix.federation.link.LinkProtos;
import org.cix.federation.link.LinkRegistry;
import org.cix.federation.link.LinkStatus;
import org.cix.federation.rpc.StatusMapping;
import org.cix.proto.v1.AdminGrpc;
import org.cix.proto.v1.ExchangeStats;
import org.cix.proto.v1.StatsRequest;
import org.cix.core.audit.AuditChain;
import org.cix.core.audit.AuditEntry;
import org.cix.federation.metrics.NodeMetrics;
import org.cix.core.audit.CountersignedHead;
import org.cix.proto.v1.WitnessedHead;
import org.cix.core.correction.CorrectionRequest;
import org.cix.core.pack.PackageScope;
import org.cix.core.pack.PackageSummary;
import org.cix.core.stats.NodeReports;
import org.cix.proto.v1.FederationRequest;
import org.cix.proto.v1.FederationView;
import org.cix.proto.v1.LinkReportInfo;
import org.cix.proto.v1.NodeReportInfo;
import org.cix.core.pack.PackageWriter;
import org.cix.proto.v1.ExportPackageRequest;
import org.cix.proto.v1.PackageChunk;
import org.cix.proto.v1.PackageExported;
import org.cix.core.correction.Corrections;
import org.cix.core.correction.RequestKind;
import org.cix.core.error.CixException;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cix.crypto.hash.Hashes;
import org.cix.proto.v1.AuditEntries;
import org.cix.proto.v1.AuditEntryInfo;
import org.cix.proto.v1.AuditReport;
import org.cix.proto.v1.ListAuditRequest;
import org.cix.proto.v1.VerifyAuditRequest;
import java.time.LocalDate;
import org.cix.core.profile.SubjectProfiles;
import org.cix.core.sharing.Grant;
import org.cix.proto.v1.GrantInfo;
import org.cix.proto.v1.GrantList;
import org.cix.proto.v1.IssueGrantRequest;
import org.cix.proto.v1.ListGrantsRequest;
import org.cix.proto.v1.RevokeGrantRequest;
import org.cix.core.authority.DepartmentRegistry;
import org.cix.core.revocation.RevocationLists;
import org.cix.proto.v1.DepartmentInfo;
import org.cix.proto.v1.DepartmentList;
import org.cix.proto.v1.ListDepartmentsRequest;
import org.cix.proto.v1.RegisterDepartmentRequest;
import org.cix.proto.v1.WithdrawDepartmentRequest;
import org.cix.proto.v1.ListRevocationsRequest;
import org.cix.proto.v1.PublishRevocationsRequest;
import org.cix.proto.v1.RevocationsPublished;
import org.cix.core.discipline.CurrentMeasures;
import org.cix.crypto.pki.CertificateExpiry;
import org.cix.crypto.pki.Revocations;
import org.cix.core.discipline.CheckRequest;
import org.cix.core.profile.FederatedProfiles;
import org.cix.core.profile.SubjectQuestion;
import java.util.List;
import java.util.Set;
import org.cix.proto.v1.CheckResult;
import org.cix.proto.v1.NodeStatus;
import org.cix.proto.v1.StatusRequest;
import org.cix.proto.v1.SyncOverview;
import org.cix.proto.v1.HistoryRequest;
import org.cix.proto.v1.RecordHistory;
import org.cix.proto.v1.SyncStatusRequest;
import org.cix.federation.link.SyncHub;

/** The admin calls of the CLI; thin: read the domain, convert, answer. */
public final class AdminService extends AdminGrpc.AdminImplBase {
  private final NodeIdentity self;
  private final NodeServices backend;
  private final Instant startedAt;
  private final IntSupplier federationPort;
  private final LinkRegistry links;
  private final SyncHub sync;
  private final Clock clock;
  private final ExecutorService ingestExecutor;
  private final NodeMetrics metrics;
  private final Semaphore oneIngestAtATime = new Semaphore(1, true);

  public AdminService(
      NodeIdentity self, NodeServices backend, Instant startedAt, IntSupplier federationPort, LinkRegistry links,
      SyncHub sync, Clock clock, ExecutorService ingestExecutor, NodeMetrics metrics) {
    this.metrics = metrics;
    this.self = self;
    this.backend = backend;
    this.startedAt = startedAt;
    this.federationPort = federationPort;
    this.links = links;
    this.sync = sync;
    this.clock = clock;
    this.ingestExecutor = ingestExecutor;
  }

  @Override
  public StreamObserver<IngestRequest> ingest(StreamObserver<IngestEvent> responseObserver) {
    ServerCallStreamObserver<IngestEvent> responses = (ServerCallStreamObserver<IngestEvent>) responseObserver;
    responses.disableAutoRequest();
    IngestCall call = new IngestCall(responses, backend.catalog(), backend.ingest(), ingestExecutor,
        oneIngestAtATime, metrics::ingested);
    responses.request(1);
    return call;
  }

  @Override
  public void subject(SubjectRequest request, StreamObserver<SubjectProfile> response) {
    answer(response, () -> {
      String purpose = orDefault(request.getPurpose(), "subject profile 主体信用查询");
      String asker = operator(request.getAsker());
      backend.auditPersonQuery(request.getSubjectId(), asker, "profile.person", "purpose=" + purpose);
      return ProfileProtos.toProto(backend.federated().answer(new SubjectQuestion(request.getSubjectId(), Set.of(),
          purpose, asker, self.nodeId(), List.of()), FederatedProfiles.DEFAULT_WAIT));
    });
  }

  @Override
  public void history(HistoryRequest request, StreamObserver<RecordHistory> response) {
    answer(response, () -> ProfileProtos.history(request.getRecordId(),
        backend.profiles().history(request.getRecordId())));
  }

  /**
   * How the audit log names who acted through the admin port: the operator (the admin token's
   * holder), with the operating-system user the CLI says runs it.
   */
  static String operator(String osUser) {
    return "operator " + (osUser.isBlank() ? "(unknown user)" : osUser) + " (admin port)";
  }

  private static String orDefault(String value, String otherwise) {
    return value.isBlank() ? otherwise : value;
  }

  @Override
  public void check(org.cix.proto.v1.CheckRequest request, StreamObserver<CheckResult> response) {
    answer(response, () -> {
      org.cix.core.discipline.CheckResult result = backend.discipline().check(new CheckRequest(
          request.getSubjectId(), request.getAction(), operator(request.getAsker()), request.getPurpose()));
      metrics.checked(result.decision());
      return CheckProtos.toProto(result);
    });
  }

  @Override
  public void fileCorrection(FileCorrectionRequest request, StreamObserver<CorrectionInfo> response) {
    answer(response, () -> correction(backend.corrections().file(new Corrections.Filing(
        RequestKind.of(request.getKind()), request.getSubjectId(), request.getRecordId(), request.getReason(),
        request.getEvidence(), request.getContact(), request.getConditions(),
        operator(request.getFiledBy())))));
  }

  @Override
  public void listCorrections(ListCorrectionsRequest request, StreamObserver<CorrectionList> response) {
    answer(response, () -> {
      CorrectionList.Builder list = CorrectionList.newBuilder();
      backend.corrections().list(request.getKind().isEmpty() ? Optional.empty()
              : Optional.of(RequestKind.of(request.getKind())), request.getOpenOnly(), request.getOverdueOnly())
          .forEach(r -> list.addCorrections(correction(r)));
      return list.build();
    });
  }

  @Override
  public void showCorrection(ShowCorrectionRequest request, StreamObserver<CorrectionInfo> response) {
    answer(response, () -> correction(backend.corrections().get(request.getId()).orElseThrow(
        () -> CixException.notFound("no request '" + request.getId() + "' is known at this node"))));
  }

  @Override
  public void decideCorrection(DecideCorrectionRequest request, StreamObserver<CorrectionInfo> response) {
    answer(response, () -> {
      Map<String, String> corrections = new LinkedHashMap<>();
      request.getCorrectionsList().forEach(f -> corrections.put(f.getKey(), f.getValue()));
      return correction(backend.corrections().decide(request.getId(), request.getOutcome(), corrections,
          request.getNote(), operator(request.getDecidedBy())));
    });
  }

  @Override
  public void listQuality(ListQualityRequest request, StreamObserver<QualityIssues> response) {
    answer(response, () -> {
      QualityIssues.Builder list = QualityIssues.newBuilder();
      backend.quality().list(request.getOpenOnly(), request.getDepartment().isEmpty() ? Optional.empty()
          : Optional.of(request.getDepartment())).forEach(i -> list.addIssues(QualityProtos.toProto(i)));
      return list.build();
    });
  }

  @Override
  public void showQuality(ShowQualityRequest request, StreamObserver<QualityIssueInfo> response) {
    answer(response, () -> QualityProtos.toProto(backend.quality().get(request.getId()).orElseThrow(
        () -> CixException.notFound("no quality issue " + request.getId()))));
  }

  @Override
  public void resolveQuality(ResolveQualityRequest request, StreamObserver<QualityIssueInfo> response) {
    answer(response, () -> {
      Map<String, String> fields = new LinkedHashMap<>();
      request.getCorrectionsList().forEach(f -> fields.put(f.getKey(), f.getValue()));
      return QualityProtos.toProto(backend.quality().resolve(request.getId(), request.getNote(), fields,
          operator(request.getResolvedBy())));
    });
  }

  @Override
  public void qualityDepartments(QualityDepartmentsRequest request, StreamObserver<QualityFigures> response) {
    answer(response, () -> {
      QualityFigures.Builder figures = QualityFigures.newBuilder().setReadUpTo(backend.quality().readUpTo());
      backend.quality().departments().forEach(d -> figures.addDepartments(QualityProtos.toProto(d)));
      return figures.build();
    });
  }

  @Override
  public void exportPackage(ExportPackageRequest request, StreamObserver<PackageChunk> response) {
    PackageWriter.Request what;
    try {
      what = new PackageWriter.Request(new PackageScope(optional(request.getSubjectId()),
          optional(request.getIndustry()), optional(request.getRegion()), Set.copyOf(request.getTypesList()),
          request.getAsOf().isEmpty() ? SubjectProfiles.today(clock) : date("as_of", request.getAsOf())),
          operator(request.getAskedBy()), request.getPurpose());
    } catch (RuntimeException e) {
      response.onError(StatusMapping.toStatus(e));
      return;
    }
    FileDownload<PackageChunk> download = new FileDownload<>("package", (ServerCallStreamObserver<PackageChunk>) response,
        data -> PackageChunk.newBuilder().setData(data).build());
    ingestExecutor.execute(() -> download.run(out -> {
      PackageSummary summary = backend.packages().export(what, out);
      return bytes -> PackageChunk.newBuilder().setDone(PackageExported.newBuilder().setRecords(summary.records())
          .setSubjects(summary.subjects()).setMasked(summary.masked()).setSeals(summary.seals())
          .setCertificates(summary.certificates()).setLeftOut(summary.withoutEvidence()).setBytes(summary.bytes()))
          .build();
    }));
  }

  @Override
  public void federation(FederationRequest request, StreamObserver<FederationView> response) {
    answer(response, () -> {
      FederationView.Builder view = FederationView.newBuilder();
      NodeReports.NodeReport own = NodeReportBuilder.now(self, backend, links, sync, clock);
      view.addNodes(report(own));
      backend.reports().held().stream().filter(r -> !r.nodeId().equals(self.nodeId()))
          .forEach(r -> view.addNodes(report(r)));
      return view.build();
    });
  }

  private static NodeReportInfo report(NodeReports.NodeReport r) {
    NodeReportInfo.Builder proto = NodeReportInfo.newBuilder().setNodeId(r.nodeId()).setJurisdiction(r.jurisdiction())
        .setParent(r.parent()).setReportedAtMillis(r.reportedAtMillis()).setSoftwareVersion(r.softwareVersion())
        .setRecords(r.records()).setVersions(r.versions()).setQuarantined(r.quarantined())
        .setCertificatesUntilMillis(r.certificatesUntil());
    r.links().forEach(l -> proto.addLinks(LinkReportInfo.newBuilder().setPeer(l.peer()).setRole(l.role())
        .setState(l.state()).setSent(l.sent()).setReceived(l.received()).setBacklog(l.backlog())
        .setLastBundleMillis(l.lastBundleMillis())));
    return proto.build();
  }

  private static Optional<String> optional(String value) {
    return value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private CorrectionInfo correction(CorrectionRequest request) {
    return CorrectionProtos.toProto(request, self.nodeId(), backend.corrections().today());
  }

  @Override
  public void issueGrant(IssueGrantRequest request, StreamObserver<GrantInfo> response) {
    answer(response, () -> {
      LocalDate today = SubjectProfiles.today(clock);
      Grant grant = backend.grants().issue(request.getGrantee(), Set.copyOf(request.getTypesList()),
          request.getPurpose(), request.getPersonal(),
          request.getValidFrom().isEmpty() ? today : date("valid_from", request.getValidFrom()),
          date("valid_until", request.getValidUntil()));
      return GrantProtos.toProto(grant, today);
    });
  }

  @Override
  public void listGrants(ListGrantsRequest request, StreamObserver<GrantList> response) {
    answer(response, () -> {
      LocalDate today = SubjectProfiles.today(clock);
      GrantList.Builder list = GrantList.newBuilder();
      backend.grants().all().forEach(g -> list.addGrants(GrantProtos.toProto(g, today)));
      return list.build();
    });
  }

  @Override
  public void revokeGrant(RevokeGrantRequest request, StreamObserver<GrantInfo> response) {
    answer(response, () -> {
      backend.grants().revoke(request.getId());
      return backend.grants().all().stream().filter(g -> g.id() == request.getId()).findFirst()
          .map(g -> GrantProtos.toProto(g, SubjectProfiles.today(clock))).orElseThrow();
    });
  }

  @Override
  public void publishRevocations(PublishRevocationsRequest request, StreamObserver<RevocationsPublished> response) {
    answer(response, () -> {
      RevocationLists.Published published = backend.revocations().publish(
          RevocationProtos.crl(request.getCrl()), RevocationProtos.chain(request.getIssuerChainList()));
      return RevocationsPublished.newBuilder().setIssuer(published.issuer()).setNumber(published.number())
          .setRevoked(published.revoked()).build();
    });
  }

  @Override
  public void listRevocations(ListRevocationsRequest request,
      StreamObserver<org.cix.proto.v1.RevocationLists> response) {
    answer(response, () -> RevocationProtos.held(backend.keys().revocations()));
  }

  @Override
  public void registerDepartment(RegisterDepartmentRequest request, StreamObserver<DepartmentInfo> response) {
    answer(response, () -> department(backend.departments().register(request.getUscc(), request.getName(),
        Set.copyOf(request.getRecordTypesList()))));
  }

  @Override
  public void withdrawDepartment(WithdrawDepartmentRequest request, StreamObserver<DepartmentInfo> response) {
    answer(response, () -> department(backend.departments().withdraw(request.getUscc())));
  }

  @Override
  public void listDepartments(ListDepartmentsRequest request, StreamObserver<DepartmentList> response) {
    answer(response, () -> {
      DepartmentList.Builder list = DepartmentList.newBuilder();
      backend.departments().held().values().forEach(d -> list.addDepartments(department(d)));
      return list.build();
    });
  }

  private static DepartmentInfo department(DepartmentRegistry.Department d) {
    return DepartmentInfo.newBuilder().setUscc(d.uscc()).setName(d.name()).setNode(d.node())
        .addAllRecordTypes(new java.util.TreeSet<>(d.types())).setRegisteredDate(d.registered())
        .setWithdrawnDate(d.withdrawn()).build();
  }

  @Override
  public void verifyAudit(VerifyAuditRequest request, StreamObserver<AuditReport> response) {
    answer(response, () -> {
      AuditChain.Verification v = AuditChain.verify(backend.audit(), self.nodeId());
      AuditReport.Builder report = AuditReport.newBuilder().setEntries(v.entries()).setIntact(v.intact())
          .setFirstBadSeq(v.firstBad().orElse(0L)).setWhy(v.why()).setHead(Hashes.hex(v.head()));
      v.countersigned().ifPresent(h -> report.setCountersigned(witnessed(h)));
      backend.audit().latestOfOthers(self.nodeId()).forEach(h -> report.addChildren(witnessed(h)));
      return report.build();
    });
  }

  private static WitnessedHead witnessed(CountersignedHead head) {
    return WitnessedHead.newBuilder().setNodeId(head.node()).setSeq(head.seq()).setHash(Hashes.hex(head.hash()))
        .setWitness(head.witness()).setWitnessedAtMillis(head.witnessedAtMillis()).build();
  }

  @Override
  public void listAudit(ListAuditRequest request, StreamObserver<AuditEntries> response) {
    answer(response, () -> AuditProtos.latest(backend, request.getLimit()));
  }

  @Override
  public void stats(StatsRequest request, StreamObserver<ExchangeStats> response) {
    answer(response, () -> StatsProtos.since(backend, Instant.ofEpochMilli(request.getSinceMillis()), clock));
  }

  private static LocalDate date(String field, String text) {
    try {
      return LocalDate.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw org.cix.core.error.CixException.invalidInput(field + ": expected a date yyyy-MM-dd, got '" + text + "'");
    }
  }

  @Override
  public void syncStatus(SyncStatusRequest request, StreamObserver<SyncOverview> response) {
    answer(response, () -> SyncStatuses.withMissing(SyncStatuses.of(links, sync, clock), self.nodeId(),
        backend.reports(), backend.exchange()));
  }

  /** Answers a unary call with what {@code work} returns, or with its failure as a status. */
  @Override
  public void status(StatusRequest request, StreamObserver<NodeStatus> response) {
    answer(response, this::nodeStatus);
  }

  private NodeStatus nodeStatus() {
    NodeStatus.Builder status = NodeStatus.newBuilder()
        .setNodeId(self.nodeId())
        .setJurisdiction(self.jurisdiction().code())
        .setJurisdictionName(self.jurisdiction().name())
        .setLevel(self.level().label())
        .setStartedAtMillis(startedAt.toEpochMilli())
        .setUptimeMillis(clock.millis() - startedAt.toEpochMilli())
        .setSoftwareVersion(SoftwareVersion.current())
        .setFederationPort(federationPort.getAsInt())
        .setCatalogVersion(backend.catalog().version())
        .setRecordTypes(backend.catalog().types().size());
    CurrentMeasures.InForce measures = backend.discipline().current().inForce();
    status.setMeasuresName(measures.measures().name()).setMeasuresVersion(measures.measures().version());
    measures.signedBy().ifPresent(status::setMeasuresSignedBy);
    measures.signedAt().ifPresent(at -> status.setMeasuresSignedAtMillis(at.toEpochMilli()));
    for (CertificateExpiry expiry : CertificateExpiry.of(backend.keys())) {
      status.addCertificates(org.cix.proto.v1.CertificateExpiry.newBuilder().setWhich(expiry.which())
          .setSubject(expiry.subject()).setNotAfterMillis(expiry.notAfter().toEpochMilli())
          .setRenew(expiry.dueAt(clock.instant())));
    }
    for (Revocations.Held held : backend.keys().revocations().held()) {
      status.addRevocationLists(org.cix.proto.v1.RevocationListDue.newBuilder()
          .setIssuer(held.issuer().getSubjectX500Principal().getName()).setNumber(held.number().longValue())
          .setNextUpdateMillis(held.nextUpdate().map(Instant::toEpochMilli).orElse(0L))
          .setOverdue(held.overdueAt(clock.instant())));
    }
    StoreCounts counts = backend.store().counts();
    status.setRecords(counts.records()).setRecordVersions(counts.versions()).setQuarantined(counts.quarantined());
    for (LinkStatus link : links.snapshot()) {
      status.addLinks(toProto(link));
    }
    return status.build();
  }

  static org.cix.proto.v1.LinkStatus toProto(LinkStatus link) {
    org.cix.proto.v1.LinkStatus.Builder proto = org.cix.proto.v1.LinkStatus.newBuilder()
        .setPeerNodeId(link.peerNodeId())
        .setPeerJurisdiction(link.peerJurisdiction())
        .setPeerRole(LinkProtos.toProto(link.peerRole()))
        .setDirection(link.direction() == LinkDirection.OUTBOUND
            ? org.cix.proto.v1.LinkDirection.LINK_DIRECTION_OUTBOUND
            : org.cix.proto.v1.LinkDirection.LINK_DIRECTION_INBOUND)
        .setAddress(link.address())
        .setState(toProto(link.state()))
        .setConnects(link.connects());
    link.lastHandshake().ifPresent(t -> proto.setLastHandshakeMillis(t.toEpochMilli()));
    link.lastError().ifPresent(proto::setLastError);
    link.lastErrorAt().ifPresent(t -> proto.setLastErrorMillis(t.toEpochMilli()));
    link.nextAttempt().ifPresent(t -> proto.setNextAttemptMillis(t.toEpochMilli()));
    return proto.build();
  }

  static org.cix.proto.v1.LinkState toProto(LinkState state) {
    return switch (state) {
      case CONNECTING -> org.cix.proto.v1.LinkState.LINK_STATE_CONNECTING;
      case UP -> org.cix.proto.v1.LinkState.LINK_STATE_UP;
      case DOWN -> org.cix.proto.v1.LinkState.LINK_STATE_DOWN;
    };
  }
}
