package org.cix.federation.admin;

import static org.cix.federation.rpc.StatusMapping.answer;

import io.grpc.stub.StreamObserver;
import org.cix.core.node.NodeServices;
import org.cix.core.revocation.RevocationLists;
import org.cix.proto.v1.ListRevocationsRequest;
import org.cix.proto.v1.PublishRevocationsRequest;
import org.cix.proto.v1.RevocationAdminGrpc;
import org.cix.proto.v1.RevocationsPublished;

/** Certificate revocation lists on the admin port ({@code cix ca publish}, {@code cix ca revoked}). */
public final class RevocationAdminService extends RevocationAdminGrpc.RevocationAdminImplBase {
  private final NodeServices backend;

  public RevocationAdminService(NodeServices backend) {
    this.backend = backend;
  }

  @Override
  public void publishRevocations(PublishRevocationsRequest request, StreamObserver<RevocationsPublished> response) {
    answer(response, () -> {
      RevocationLists.Published published = backend.revocations().publish(
          RevocationProtos.crl(request.getCrl()), RevocationProtos.chain(request.getIssuerChainList()));
      return RevocationsPublished.newBuilder().setIssuer(published.issuer()).setNumber(published.number())
          .setRevoked(published.revoked()).build();
    });
  }

  @Override
  public void listRevocations(ListRevocationsRequest request,
      StreamObserver<org.cix.proto.v1.RevocationLists> response) {
    answer(response, () -> RevocationProtos.held(backend.keys().revocations()));
  }
}
