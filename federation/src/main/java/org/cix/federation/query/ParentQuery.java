package org.cix.federation.query;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.cix.crypto.pki.CertIdentity;
import org.cix.core.catalog.Catalog;
import org.cix.core.profile.ProfileEntry;
import org.cix.core.profile.RemoteQuery;
import org.cix.core.profile.SubjectAnswer;
import org.cix.core.profile.SubjectProfile;
import org.cix.core.profile.SubjectQuestion;
import org.cix.core.subject.IdCheck;
import org.cix.core.subject.SubjectIds;
import org.cix.core.subject.SubjectKind;
import org.cix.federation.admin.ProfileProtos;
import org.cix.proto.v1.QueryAnswer;
import org.cix.proto.v1.QueryGrpc;
import org.cix.proto.v1.SubjectQuery;

/** Asks the parent over the parent link's channel (the same mTLS connection as the exchange). */
public final class ParentQuery implements RemoteQuery {
  private final String parent;
  private final Channel channel;
  private final AtomicReference<CertIdentity> certified;
  private final Catalog catalog;
  private final SubjectIds ids;

  /** @param certified what the channel's trust manager learnt of the server: it must be the parent */
  public ParentQuery(String parent, Channel channel, AtomicReference<CertIdentity> certified, Catalog catalog,
      SubjectIds ids) {
    this.parent = parent;
    this.channel = channel;
    this.certified = certified;
    this.catalog = catalog;
    this.ids = ids;
  }

  @Override
  public String node() {
    return parent;
  }

  @Override
  public SubjectAnswer ask(SubjectQuestion question, Duration within) throws NoAnswer {
    QueryAnswer answer;
    try {
      answer = QueryGrpc.newBlockingStub(channel).withDeadlineAfter(within.toMillis(), TimeUnit.MILLISECONDS)
          .subject(SubjectQuery.newBuilder()
              .setSubjectId(question.subject())
              .addAllTypes(question.types())
              .setPurpose(question.purpose())
              .setAsker(question.asker())
              .setAskingNode(question.askingNode())
              .addAllPath(question.path())
              .build());
    } catch (StatusRuntimeException e) {
      String detail = e.getStatus().getDescription();
      throw new NoAnswer(e.getStatus().getCode() + (detail == null ? "" : ": " + detail));
    }
    String server = certified.get() == null ? "" : certified.get().nodeId().orElse("");
    if (!server.equals(parent)) {
      throw new NoAnswer("the server reached is node '" + server + "', not the parent " + parent);
    }
    String answeredBy = parent;
    IdCheck id = ids.check(question.subject());
    SubjectKind kind = id.kind().orElse(SubjectKind.USCC);
    List<ProfileEntry> entries = answer.getRecordsList().stream()
        .map(r -> ProfileProtos.entry(r, answer.getSubjectId(), kind, catalog, answeredBy)).toList();
    SubjectProfile profile = new SubjectProfile(id,
        answer.getName().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(answer.getName()), entries,
        java.time.Instant.ofEpochMilli(answer.getAsOfMillis()));
    return new SubjectAnswer(profile, answer.getAnsweredByList(), ProfileProtos.unansweredFrom(answer.getUnansweredList()),
        answer.getComplete(), new LinkedHashSet<>(answer.getWithheldTypesList()));
  }
}
