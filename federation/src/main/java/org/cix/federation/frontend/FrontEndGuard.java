package org.cix.federation.frontend;

import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cix.proto.v1.AdminGrpc;
import org.cix.proto.v1.AuditAdminGrpc;
import org.cix.proto.v1.DepartmentGrpc;
import org.cix.proto.v1.QueryGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a read front end lets through, on every server it runs: the reads (profiles, checks,
 * queries, history, stats, the audit log), and only while its data is within the bound of the
 * writer's; everything else (submissions, links, decisions, accounts, and credit packages, which
 * carry the node's seal a front end does not hold) is refused with FAILED_PRECONDITION naming the
 * writer. Its status stays answerable whatever the lag, to show it.
 */
public final class FrontEndGuard implements ServerInterceptor {
  /** How long a lag read is reused: calls in a burst do not each ask the database. */
  private static final Duration LAG_READ_FOR = Duration.ofMillis(200);
  private static final Set<String> ALWAYS = names(AdminGrpc.getStatusMethod(), HealthGrpc.getCheckMethod());
  private static final Set<String> READS = names(
      AdminGrpc.getSubjectMethod(), AdminGrpc.getCheckMethod(), AdminGrpc.getHistoryMethod(),
      AdminGrpc.getStatsMethod(), AdminGrpc.getFederationMethod(), AdminGrpc.getSyncStatusMethod(),
      QueryGrpc.getSubjectMethod(),
      DepartmentGrpc.getLoginMethod(), DepartmentGrpc.getWhoAmIMethod(), DepartmentGrpc.getCheckMethod(),
      DepartmentGrpc.getFindSubjectsMethod(), DepartmentGrpc.getProfileMethod(), DepartmentGrpc.getHistoryMethod(),
      DepartmentGrpc.getGetReceiptMethod(), DepartmentGrpc.getListSubmissionsMethod(),
      DepartmentGrpc.getListRequestsMethod(), DepartmentGrpc.getListQualityIssuesMethod(),
      DepartmentGrpc.getListAuditMethod(), DepartmentGrpc.getStatsMethod(), DepartmentGrpc.getFederationMethod(),
      AuditAdminGrpc.getListAuditMethod(), AuditAdminGrpc.getVerifyAuditMethod());

  private static final Logger log = LoggerFactory.getLogger(FrontEndGuard.class);
  private final String nodeId;
  private final FrontEnd frontEnd;
  private final Clock clock;
  private volatile Reading last;

  /** A lag read and when (System.nanoTime: the reuse is measured on a monotonic timer, not the clock). */
  private record Reading(long atNanos, Optional<Duration> behind) {}

  public FrontEndGuard(String nodeId, FrontEnd frontEnd, Clock clock) {
    this.nodeId = nodeId;
    this.frontEnd = frontEnd;
    this.clock = clock;
  }

  /** {@code services}, refusing what a front end does not answer when the node is one. */
  public static List<BindableService> guarded(Optional<FrontEndGuard> frontEnd, List<BindableService> services) {
    if (frontEnd.isEmpty()) {
      return services;
    }
    return services.stream().<BindableService>map(service -> {
      ServerServiceDefinition definition = ServerInterceptors.intercept(service, frontEnd.get());
      return () -> definition;
    }).toList();
  }

  /**
   * How far behind the writer this front end is, read at most every 200 ms; empty when the standby
   * cannot tell or cannot be read (logged), which counts as too far.
   */
  public Optional<Duration> behind() {
    Reading reading = last;
    long now = System.nanoTime();
    if (reading == null || now - reading.atNanos() > LAG_READ_FOR.toNanos()) {
      Optional<Duration> behind;
      try {
        behind = frontEnd.behind(clock);
      } catch (RuntimeException e) {
        log.warn("cannot read the standby's replication lag (reads are refused until it can be read): {}",
            e.getMessage());
        behind = Optional.empty();
      }
      reading = new Reading(now, behind);
      last = reading;
    }
    return reading.behind();
  }

  public Duration maxLag() {
    return frontEnd.maxLag();
  }

  /** Whether reads are answered at this lag. */
  public boolean answering(Optional<Duration> behind) {
    return frontEnd.fresh(behind);
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
      ServerCallHandler<Q, A> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Optional<Status> refusal = refusal(method);
    if (refusal.isPresent()) {
      call.close(refusal.get(), new Metadata());
      return new ServerCall.Listener<>() { };
    }
    return next.startCall(call, headers);
  }

  /** Why this front end does not answer {@code method} now, or empty when it does. */
  Optional<Status> refusal(String method) {
    if (ALWAYS.contains(method)) {
      return Optional.empty();
    }
    if (!READS.contains(method)) {
      return Optional.of(Status.FAILED_PRECONDITION.withDescription("this is a read front end of node " + nodeId
          + ": it answers reads only; send " + method.substring(method.lastIndexOf('/') + 1)
          + " to the node's writer"));
    }
    Optional<Duration> behind = behind();
    if (frontEnd.fresh(behind)) {
      return Optional.empty();
    }
    return Optional.of(Status.UNAVAILABLE.withDescription("this read front end of node " + nodeId + " is "
        + behind.map(FrontEndGuard::seconds).orElse("an unknown time") + " behind its writer (at most "
        + seconds(frontEnd.maxLag()) + " allowed): ask the writer or another front end"));
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static Set<String> names(MethodDescriptor<?, ?>... methods) {
    return Stream.of(methods).map(MethodDescriptor::getFullMethodName).collect(Collectors.toUnmodifiableSet());
  }
}
