package org.cix.federation.admin;

import io.grpc.Channel;
import org.cix.proto.v1.ListQualityRequest;
import org.cix.proto.v1.QualityAdminGrpc;
import org.cix.proto.v1.QualityDepartmentsRequest;
import org.cix.proto.v1.QualityFigures;
import org.cix.proto.v1.QualityIssueInfo;
import org.cix.proto.v1.QualityIssues;
import org.cix.proto.v1.ResolveQualityRequest;
import org.cix.proto.v1.ShowQualityRequest;

/** The data-quality queue from the CLI: the issues, one issue, its resolution, the figures per department. */
public final class QualityClient {
  private final AdminCalls calls;
  private final QualityAdminGrpc.QualityAdminBlockingStub quality;

  QualityClient(Channel channel, AdminCalls calls) {
    this.calls = calls;
    this.quality = QualityAdminGrpc.newBlockingStub(channel);
  }

  public QualityIssues list(ListQualityRequest request) {
    return calls.call(quality, s -> s.listQuality(request));
  }

  public QualityIssueInfo show(long id) {
    return calls.call(quality, s -> s.showQuality(ShowQualityRequest.newBuilder().setId(id).build()));
  }

  public QualityIssueInfo resolve(ResolveQualityRequest request) {
    return calls.call(quality, s -> s.resolveQuality(request));
  }

  public QualityFigures departments() {
    return calls.call(quality, s -> s.qualityDepartments(QualityDepartmentsRequest.getDefaultInstance()));
  }
}
