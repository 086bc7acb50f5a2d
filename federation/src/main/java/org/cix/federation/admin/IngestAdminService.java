package org.cix.federation.admin;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.cix.core.node.NodeServices;
import org.cix.federation.metrics.NodeMetrics;
import org.cix.proto.v1.IngestAdminGrpc;
import org.cix.proto.v1.IngestEvent;
import org.cix.proto.v1.IngestRequest;

/** Ingest of department exports on the admin port: one at a time per node, on the node's ingest thread. */
public final class IngestAdminService extends IngestAdminGrpc.IngestAdminImplBase {
  private final NodeServices services;
  private final ExecutorService executor;
  private final NodeMetrics metrics;
  private final Semaphore oneIngestAtATime = new Semaphore(1, true);

  public IngestAdminService(NodeServices services, ExecutorService executor, NodeMetrics metrics) {
    this.services = services;
    this.executor = executor;
    this.metrics = metrics;
  }

  @Override
  public StreamObserver<IngestRequest> ingest(StreamObserver<IngestEvent> responseObserver) {
    ServerCallStreamObserver<IngestEvent> responses = (ServerCallStreamObserver<IngestEvent>) responseObserver;
    responses.disableAutoRequest();
    IngestCall call = new IngestCall(responses, services.catalog(), services.ingest(), executor,
        oneIngestAtATime, metrics::ingested);
    responses.request(1);
    return call;
  }
}
