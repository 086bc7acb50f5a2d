package org.cix.federation.certificates;

import io.grpc.stub.StreamObserver;
import java.util.Optional;
import org.cix.core.error.CixException;
import org.cix.federation.rpc.StatusMapping;
import org.cix.proto.v1.CertificateAdminGrpc;
import org.cix.proto.v1.CertificatesRenewed;
import org.cix.proto.v1.RenewNowRequest;

/** {@code cix node renew}: renewal now, over the admin port. */
public final class CertificateAdminService extends CertificateAdminGrpc.CertificateAdminImplBase {
  private final String self;
  private final Optional<CertificateRenewer> renewer;

  /** @param renewer empty at a node without a parent (the national node) */
  public CertificateAdminService(String self, Optional<CertificateRenewer> renewer) {
    this.self = self;
    this.renewer = renewer;
  }

  @Override
  public void renewNow(RenewNowRequest request, StreamObserver<CertificatesRenewed> response) {
    try {
      CertificateRenewer renewing = renewer.orElseThrow(() -> CixException.preconditionFailed("node " + self
          + " has no parent to renew with: renew it by request to the CA that issued it (cix node request, "
          + "cix ca sign), then restart it"));
      response.onNext(renewing.renew());
      response.onCompleted();
    } catch (RuntimeException e) {
      response.onError(StatusMapping.toStatus(e));
    }
  }
}
