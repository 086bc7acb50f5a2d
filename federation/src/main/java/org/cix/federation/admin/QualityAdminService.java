package org.cix.federation.admin;

import static org.cix.federation.rpc.StatusMapping.answer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import io.grpc.stub.StreamObserver;
import org.cix.core.error.CixException;
import org.cix.core.node.NodeServices;
import org.cix.proto.v1.ListQualityRequest;
import org.cix.proto.v1.QualityAdminGrpc;
import org.cix.proto.v1.QualityDepartmentsRequest;
import org.cix.proto.v1.QualityFigures;
import org.cix.proto.v1.QualityIssueInfo;
import org.cix.proto.v1.QualityIssues;
import org.cix.proto.v1.ResolveQualityRequest;
import org.cix.proto.v1.ShowQualityRequest;

/** The data-quality queue on the admin port ({@code cix quality}). */
public final class QualityAdminService extends QualityAdminGrpc.QualityAdminImplBase {
  private final NodeServices backend;

  public QualityAdminService(NodeServices backend) {
    this.backend = backend;
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
          AdminService.operator(request.getResolvedBy())));
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
}
