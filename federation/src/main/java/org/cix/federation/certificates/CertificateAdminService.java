package org.cix.federation.certificates;

import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.Optional;
import org.cix.core.error.CixException;
import org.cix.core.seal.Resealing;
import org.cix.federation.rpc.StatusMapping;
import org.cix.proto.v1.CertificateAdminGrpc;
import org.cix.proto.v1.CertificatesRenewed;
import org.cix.proto.v1.RenewNowRequest;
import org.cix.proto.v1.ResealRequest;
import org.cix.proto.v1.Resealed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code cix node renew} and {@code cix record reseal}, over the admin port. */
public final class CertificateAdminService extends CertificateAdminGrpc.CertificateAdminImplBase {
  private static final Logger log = LoggerFactory.getLogger(CertificateAdminService.class);
  private final String self;
  private final Optional<CertificateRenewer> renewer;
  private final Resealing resealing;

  /** @param renewer empty at a node without a parent (the national node) */
  public CertificateAdminService(String self, Optional<CertificateRenewer> renewer, Resealing resealing) {
    this.self = self;
    this.renewer = renewer;
    this.resealing = resealing;
  }

  @Override
  public void reseal(ResealRequest request, StreamObserver<Resealed> response) {
    try {
      if (request.getBy().isBlank()) {
        throw CixException.invalidInput("say who reseals (by)");
      }
      Optional<Instant> since = request.getSealedSinceMillis() > 0
          ? Optional.of(Instant.ofEpochMilli(request.getSealedSinceMillis())) : Optional.empty();
      Resealing.Result result = resealing.reseal(since, request.getBy(),
          examined -> log.info("resealing: {} own versions examined", examined));
      log.info("resealed {} of {} own versions under the sealing certificate in force", result.resealed(),
          result.examined());
      response.onNext(Resealed.newBuilder().setExamined(result.examined()).setResealed(result.resealed()).build());
      response.onCompleted();
    } catch (RuntimeException e) {
      response.onError(StatusMapping.toStatus(e));
    }
  }

  @Override
  public void renewNow(RenewNowRequest request, StreamObserver<CertificatesRenewed> response) {
    try {
      CertificateRenewer renewing = renewer.orElseThrow(() -> CixException.preconditionFailed("node " + self
          + " has no parent to renew with: renew it by request to the CA that issued it (cix node "
          + "renewal-request, cix ca sign, cix node accept), then restart it"));
      response.onNext(renewing.renew(request.getNewKeys()));
      response.onCompleted();
    } catch (RuntimeException e) {
      response.onError(StatusMapping.toStatus(e));
    }
  }
}
