package org.cix.federation.admin;

import static org.cix.federation.rpc.StatusMapping.answer;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import io.grpc.stub.StreamObserver;
import org.cix.core.error.CixException;
import org.cix.core.node.NodeServices;
import org.cix.core.record.ChinaDate;
import org.cix.core.sharing.Grant;
import org.cix.proto.v1.GrantAdminGrpc;
import org.cix.proto.v1.GrantInfo;
import org.cix.proto.v1.GrantList;
import org.cix.proto.v1.IssueGrantRequest;
import org.cix.proto.v1.ListGrantsRequest;
import org.cix.proto.v1.RevokeGrantRequest;

/**
 * Grants of conditional records: on the admin port ({@code cix grant}), and to admins on the
 * department port (list and revoke; the console's admin page).
 */
public final class GrantAdminService extends GrantAdminGrpc.GrantAdminImplBase {
  private final NodeServices backend;
  private final Clock clock;
  private final Optional<Supplier<String>> actor;

  /** On the admin port: the operator does everything. */
  public GrantAdminService(NodeServices backend, Clock clock) {
    this(backend, clock, Optional.empty());
  }

  /**
   * On the department port: {@code actor} names who acts in the audit log and refuses the call
   * (throws) when the caller may not manage grants; issuing stays with the operator.
   */
  public GrantAdminService(NodeServices backend, Clock clock, Optional<Supplier<String>> actor) {
    this.backend = backend;
    this.clock = clock;
    this.actor = actor;
  }

  @Override
  public void issueGrant(IssueGrantRequest request, StreamObserver<GrantInfo> response) {
    answer(response, () -> {
      if (actor.isPresent()) {
        throw CixException.permissionDenied("grants are issued by the node's operator (cix grant issue)");
      }
      LocalDate today = ChinaDate.today(clock);
      Grant grant = backend.grants().issue(request.getGrantee(), Set.copyOf(request.getTypesList()),
          request.getPurpose(), request.getPersonal(),
          request.getValidFrom().isEmpty() ? today : AdminService.date("valid_from", request.getValidFrom()),
          AdminService.date("valid_until", request.getValidUntil()));
      return GrantProtos.toProto(grant, today);
    });
  }

  @Override
  public void listGrants(ListGrantsRequest request, StreamObserver<GrantList> response) {
    answer(response, () -> {
      actor.ifPresent(Supplier::get);
      LocalDate today = ChinaDate.today(clock);
      GrantList.Builder list = GrantList.newBuilder();
      backend.grants().all().forEach(g -> list.addGrants(GrantProtos.toProto(g, today)));
      return list.build();
    });
  }

  @Override
  public void revokeGrant(RevokeGrantRequest request, StreamObserver<GrantInfo> response) {
    answer(response, () -> {
      backend.grants().revoke(request.getId(), actor.map(Supplier::get).orElse("admin"));
      return backend.grants().all().stream().filter(g -> g.id() == request.getId()).findFirst()
          .map(g -> GrantProtos.toProto(g, ChinaDate.today(clock))).orElseThrow();
    });
  }
}
