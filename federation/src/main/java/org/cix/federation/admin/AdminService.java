package org.cix.federation.admin;

import org.cix.federation.frontend.FrontEndGuard;

import static org.cix.federation.rpc.StatusMapping.answer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import io.grpc.stub.StreamObserver;
import org.cix.core.discipline.CheckRequest;
import org.cix.core.discipline.CurrentMeasures;
import org.cix.core.error.CixException;
import org.cix.core.link.LinkState;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.core.node.SoftwareVersion;
import org.cix.core.profile.FederatedProfiles;
import org.cix.core.profile.SubjectQuestion;
import org.cix.core.store.StoreCounts;
import org.cix.crypto.pki.CertificateExpiry;
import org.cix.crypto.pki.Revocations;
import org.cix.federation.link.LinkDirection;
import org.cix.federation.link.LinkProtos;
import org.cix.federation.link.LinkRegistry;
import org.cix.federation.link.LinkStatus;
import org.cix.federation.link.SyncHub;
import org.cix.federation.metrics.NodeMetrics;
import org.cix.proto.v1.AdminGrpc;
import org.cix.proto.v1.CheckResult;
import org.cix.proto.v1.ExchangeStats;
import org.cix.proto.v1.FederationRequest;
import org.cix.proto.v1.FederationView;
import org.cix.proto.v1.HistoryRequest;
import org.cix.proto.v1.NodeStatus;
import org.cix.proto.v1.RecordHistory;
import org.cix.proto.v1.StatsRequest;
import org.cix.proto.v1.StatusRequest;
import org.cix.proto.v1.FrontEndStatus;
import org.cix.proto.v1.SubjectProfile;
import org.cix.proto.v1.SubjectRequest;
import org.cix.proto.v1.SyncOverview;
import org.cix.proto.v1.SyncStatusRequest;

/**
 * The node's own admin calls: status, sync, profiles, history, checks, stats and the federation
 * view; thin: read the domain, convert, answer.
 */
public final class AdminService extends AdminGrpc.AdminImplBase {
  private final NodeIdentity self;
  private final NodeServices backend;
  private final Instant startedAt;
  private final IntSupplier federationPort;
  private final LinkRegistry links;
  private final SyncHub sync;
  private final Clock clock;
  private final NodeMetrics metrics;
  private final Optional<FrontEndGuard> frontEnd;

  public AdminService(
      NodeIdentity self, NodeServices backend, Instant startedAt, IntSupplier federationPort, LinkRegistry links,
      SyncHub sync, Clock clock, NodeMetrics metrics, Optional<FrontEndGuard> frontEnd) {
    this.metrics = metrics;
    this.frontEnd = frontEnd;
    this.self = self;
    this.backend = backend;
    this.startedAt = startedAt;
    this.federationPort = federationPort;
    this.links = links;
    this.sync = sync;
    this.clock = clock;
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
  public void federation(FederationRequest request, StreamObserver<FederationView> response) {
    answer(response, () -> FederationViews.of(NodeReportBuilder.now(self, backend, links, sync, clock), backend));
  }

  @Override
  public void stats(StatsRequest request, StreamObserver<ExchangeStats> response) {
    answer(response, () -> StatsProtos.since(backend, Instant.ofEpochMilli(request.getSinceMillis()), clock));
  }

  static LocalDate date(String field, String text) {
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
    for (org.cix.core.store.Standby standby : backend.store().standbys()) {
      status.addStandbys(org.cix.proto.v1.DatabaseStandby.newBuilder().setName(standby.name())
          .setAddress(standby.address()).setState(standby.state()).setSyncState(standby.syncState())
          .setReplayLagMillis(standby.replayLagMillis().orElse(-1L)));
    }
    frontEnd.ifPresent(guard -> status.setFrontEnd(frontEndStatus(guard)));
    StoreCounts counts = backend.store().counts();
    status.setRecords(counts.records()).setRecordVersions(counts.versions()).setQuarantined(counts.quarantined());
    for (LinkStatus link : links.snapshot()) {
      status.addLinks(toProto(link));
    }
    return status.build();
  }

  private static FrontEndStatus frontEndStatus(FrontEndGuard guard) {
    Optional<java.time.Duration> behind = guard.behind();
    return FrontEndStatus.newBuilder().setBehindMillis(behind.map(java.time.Duration::toMillis).orElse(-1L))
        .setMaxLagMillis(guard.maxLag().toMillis()).setAnswering(guard.answering(behind)).build();
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
