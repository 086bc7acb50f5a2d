package org.cix.federation.admin;

import io.grpc.Channel;
import org.cix.proto.v1.CorrectionAdminGrpc;
import org.cix.proto.v1.CorrectionInfo;
import org.cix.proto.v1.CorrectionList;
import org.cix.proto.v1.DecideCorrectionRequest;
import org.cix.proto.v1.FileCorrectionRequest;
import org.cix.proto.v1.ListCorrectionsRequest;
import org.cix.proto.v1.ShowCorrectionRequest;

/** Objections and credit repair from the CLI: filed, listed, shown, decided. */
public final class CorrectionClient {
  private final AdminCalls calls;
  private final CorrectionAdminGrpc.CorrectionAdminBlockingStub corrections;

  CorrectionClient(Channel channel, AdminCalls calls) {
    this.calls = calls;
    this.corrections = CorrectionAdminGrpc.newBlockingStub(channel);
  }

  public CorrectionInfo file(FileCorrectionRequest request) {
    return calls.call(corrections, s -> s.fileCorrection(request));
  }

  public CorrectionList list(ListCorrectionsRequest request) {
    return calls.call(corrections, s -> s.listCorrections(request));
  }

  public CorrectionInfo show(String id) {
    return calls.call(corrections, s -> s.showCorrection(ShowCorrectionRequest.newBuilder().setId(id).build()));
  }

  public CorrectionInfo decide(DecideCorrectionRequest request) {
    return calls.call(corrections, s -> s.decideCorrection(request));
  }
}
