package org.cix.federation.query;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.cix.core.error.CixException;
import org.cix.core.link.LinkPolicy;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.core.profile.FederatedProfiles;
import org.cix.core.profile.EvidenceLookup;
import org.cix.core.profile.ProfileEntry;
import org.cix.core.profile.SubjectAnswer;
import org.cix.core.profile.SubjectQuestion;
import org.cix.core.record.RecordFields;
import org.cix.core.sharing.SharingPolicy;
import org.cix.federation.admin.ProfileProtos;
import org.cix.federation.identity.PeerIdentity;
import org.cix.federation.rpc.CallerBudget;
import org.cix.federation.rpc.StatusMapping;
import org.cix.proto.v1.QueryAnswer;
import org.cix.proto.v1.QueryGrpc;
import org.cix.proto.v1.SubjectQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers other nodes' questions about subjects: from this node's records, and its parent's when
 * they are not complete, before the caller's deadline; filtered for the calling node (the one of
 * the client certificate): sharing levels, grants, masking. Only neighbours ask directly (a child
 * this node issued, its parent, a configured peer); the last hop of the question's path must be
 * the certified caller, and each caller has a budget of questions per second.
 */
public final class QueryService extends QueryGrpc.QueryImplBase {
  private static final Logger log = LoggerFactory.getLogger(QueryService.class);

  /** Questions per second a neighbour may ask, and how many at once. */
  public static final double PER_SECOND = 50;
  public static final int BURST = 200;

  private final NodeIdentity self;
  private final NodeServices services;
  private final Optional<String> parent;
  private final Set<String> peers;
  private final CallerBudget budget;

  public QueryService(NodeIdentity self, NodeServices services, Optional<String> parent, Set<String> peers,
      Clock clock) {
    this.self = self;
    this.services = services;
    this.parent = parent;
    this.peers = Set.copyOf(peers);
    this.budget = new CallerBudget(PER_SECOND, BURST, clock);
  }

  /** Why {@code caller} may not ask this question here (mapped to its status in one place), or empty. */
  private Optional<CixException> refusal(NodeIdentity caller, SubjectQuery query) {
    boolean neighbour = parent.map(caller.nodeId()::equals).orElse(false) || peers.contains(caller.nodeId())
        || LinkPolicy.isChild(self, caller, PeerIdentity.issuer());
    if (!neighbour) {
      return Optional.of(CixException.permissionDenied("node " + caller.nodeId() + " is not a neighbour of "
          + self.nodeId() + ": only its children, parent and configured peers ask it directly"));
    }
    List<String> path = query.getPathList();
    if (path.isEmpty() || !path.get(path.size() - 1).equals(caller.nodeId())
        || !path.get(0).equals(query.getAskingNode())) {
      return Optional.of(CixException.permissionDenied("the question's path " + path + " must start at its "
          + "asking node (" + query.getAskingNode() + ") and end at the node that sends it (" + caller.nodeId() + ")"));
    }
    if (!budget.take(caller.nodeId())) {
      return Optional.of(new CixException(CixException.Kind.RESOURCE_EXHAUSTED, "node " + caller.nodeId()
          + " asks more than " + (long) budget.perSecond() + " questions per second of " + self.nodeId()
          + "; ask again shortly"));
    }
    return Optional.empty();
  }

  @Override
  public void subject(SubjectQuery query, StreamObserver<QueryAnswer> response) {
    NodeIdentity caller = PeerIdentity.current();
    if (query.getPathList().contains(self.nodeId())) {
      response.onError(Status.FAILED_PRECONDITION.withDescription("the question passed " + self.nodeId()
          + " already (path " + query.getPathList() + ")").asRuntimeException());
      return;
    }
    if (query.getPurpose().isBlank()) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("a question states its purpose").asRuntimeException());
      return;
    }
    Optional<CixException> refused = refusal(caller, query);
    if (refused.isPresent()) {
      log.warn("refused a question of {} at {}: {}", caller.nodeId(), PeerIdentity.remoteAddress(),
          refused.get().getMessage());
      response.onError(StatusMapping.toStatus(refused.get()));
      return;
    }
    QueryAnswer answer;
    try {
      String actor = caller.nodeId() + " for " + query.getAsker() + " at " + query.getAskingNode()
          + " (as stated by " + query.getAskingNode() + ")";
      services.auditPersonQuery(query.getSubjectId(), actor, "query.answer", "purpose=" + query.getPurpose()
          + "; path=" + String.join(">", query.getPathList()));
      SubjectAnswer found = services.federated().answer(new SubjectQuestion(query.getSubjectId(),
          Set.copyOf(query.getTypesList()), query.getPurpose(), query.getAsker(), query.getAskingNode(),
          query.getPathList()), timeLeft());
      EvidenceLookup evidence = new EvidenceLookup(services.store(), services.exchange());
      SharingPolicy.Shared shared = services.sharing().share(found.profile().entries().stream()
          .map(evidence::attach).toList(), caller.nodeId(), query.getPurpose());
      Set<String> withheld = new TreeSet<>(found.withheldTypes());
      withheld.addAll(shared.withheldTypes());
      QueryAnswer.Builder proto = QueryAnswer.newBuilder()
          .setSubjectId(found.profile().id().normalised().orElse(query.getSubjectId()))
          .setName(shared.entries().isEmpty() ? "" : name(shared.entries().get(0)))
          .addAllAnsweredBy(found.answeredBy())
          .addAllUnanswered(ProfileProtos.unanswered(found.unanswered()))
          .setComplete(found.complete())
          .addAllWithheldTypes(withheld)
          .setAsOfMillis(found.profile().asOf().toEpochMilli());
      shared.entries().forEach(e -> proto.addRecords(ProfileProtos.withEvidence(e)));
      answer = proto.build();
    } catch (RuntimeException e) {
      response.onError(StatusMapping.toStatus(e));
      return;
    }
    log.info("answered {} (asker {} at {}, purpose {}) about {}: {} records, {} withheld types", caller.nodeId(),
        query.getAsker(), query.getAskingNode(), query.getPurpose(),
        services.ids().check(query.getSubjectId()).loggable(), answer.getRecordsCount(),
        answer.getWithheldTypesCount());
    response.onNext(answer);
    response.onCompleted();
  }

  /** The subject's name as shared: masked with the record when the subject is a person. */
  private static String name(ProfileEntry entry) {
    return org.cix.core.record.RecordFields.field(entry.stored().version().body().getFieldsList(), "subject_name")
        .orElse("");
  }

  private static Duration timeLeft() {
    Deadline deadline = Context.current().getDeadline();
    return deadline == null ? FederatedProfiles.DEFAULT_WAIT
        : Duration.ofMillis(Math.max(0, deadline.timeRemaining(TimeUnit.MILLISECONDS)));
  }
}
