package org.cix.federation.query;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.core.profile.FederatedProfiles;
import org.cix.core.profile.EvidenceLookup;
import org.cix.core.profile.ProfileEntry;
import org.cix.core.profile.SubjectAnswer;
import org.cix.core.profile.SubjectQuestion;
import org.cix.core.sharing.SharingPolicy;
import org.cix.federation.admin.ProfileProtos;
import org.cix.federation.identity.PeerIdentity;
import org.cix.federation.rpc.StatusMapping;
import org.cix.proto.v1.QueryAnswer;
import org.cix.proto.v1.QueryGrpc;
import org.cix.proto.v1.SubjectQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers other nodes' questions about subjects: from this node's records, and its parent's when
 * they are not complete, before the caller's deadline; filtered for the calling node (the one of
 * the client certificate): sharing levels, grants, masking.
 */
public final class QueryService extends QueryGrpc.QueryImplBase {
  private static final Logger log = LoggerFactory.getLogger(QueryService.class);

  private final NodeIdentity self;
  private final NodeServices services;

  public QueryService(NodeIdentity self, NodeServices services) {
    this.self = self;
    this.services = services;
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
    QueryAnswer answer;
    try {
      services.auditPersonQuery(query.getSubjectId(), caller.nodeId() + " for " + query.getAsker() + " at "
          + query.getAskingNode(), "query.answer", "purpose=" + query.getPurpose() + "; path="
          + String.join(">", query.getPathList()));
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
    return org.cix.core.profile.SubjectProfiles.field(entry.stored().version().body().getFieldsList(), "subject_name")
        .orElse("");
  }

  private static Duration timeLeft() {
    Deadline deadline = Context.current().getDeadline();
    return deadline == null ? FederatedProfiles.DEFAULT_WAIT
        : Duration.ofMillis(Math.max(0, deadline.timeRemaining(TimeUnit.MILLISECONDS)));
  }
}
