package org.cix.federation.admin;

import static org.cix.federation.rpc.StatusMapping.answer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import io.grpc.stub.StreamObserver;
import org.cix.core.correction.CorrectionRequest;
import org.cix.core.correction.Corrections;
import org.cix.core.correction.RequestKind;
import org.cix.core.error.CixException;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.proto.v1.CorrectionAdminGrpc;
import org.cix.proto.v1.CorrectionInfo;
import org.cix.proto.v1.CorrectionList;
import org.cix.proto.v1.DecideCorrectionRequest;
import org.cix.proto.v1.FileCorrectionRequest;
import org.cix.proto.v1.ListCorrectionsRequest;
import org.cix.proto.v1.ShowCorrectionRequest;

/** Objections and credit repair on the admin port ({@code cix objection}, {@code cix repair}). */
public final class CorrectionAdminService extends CorrectionAdminGrpc.CorrectionAdminImplBase {
  private final NodeServices backend;
  private final NodeIdentity self;

  public CorrectionAdminService(NodeServices backend, NodeIdentity self) {
    this.backend = backend;
    this.self = self;
  }

  @Override
  public void fileCorrection(FileCorrectionRequest request, StreamObserver<CorrectionInfo> response) {
    answer(response, () -> correction(backend.corrections().file(new Corrections.Filing(
        RequestKind.of(request.getKind()), request.getSubjectId(), request.getRecordId(), request.getReason(),
        request.getEvidence(), request.getContact(), request.getConditions(),
        AdminService.operator(request.getFiledBy())))));
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
          request.getNote(), AdminService.operator(request.getDecidedBy())));
    });
  }

  private CorrectionInfo correction(CorrectionRequest request) {
    return CorrectionProtos.toProto(request, self.nodeId(), backend.corrections().today());
  }
}
