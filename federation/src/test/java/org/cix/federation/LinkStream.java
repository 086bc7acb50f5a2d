package org.cix.federation;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.cix.proto.v1.LinkFrame;

/** One link stream as a test's hand-made client sees it: what came back and how it ended. */
class LinkStream implements StreamObserver<LinkFrame> {
  private static final Duration BOUND = Duration.ofSeconds(30);
  final List<LinkFrame> received = new CopyOnWriteArrayList<>();
  final CompletableFuture<Status> ended = new CompletableFuture<>();

  @Override
  public void onNext(LinkFrame frame) {
    received.add(frame);
  }

  @Override
  public void onError(Throwable t) {
    ended.complete(Status.fromThrowable(t));
  }

  @Override
  public void onCompleted() {
    ended.complete(Status.OK);
  }

  /** How the stream ended, waiting at most 30 s. */
  Status end() throws Exception {
    return ended.get(BOUND.toSeconds(), TimeUnit.SECONDS);
  }
}
