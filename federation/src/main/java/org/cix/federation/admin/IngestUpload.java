package org.cix.federation.admin;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.cix.proto.v1.IngestEvent;
import org.cix.proto.v1.IngestProgress;
import org.cix.proto.v1.IngestRequest;
import org.cix.proto.v1.IngestStart;
import org.cix.proto.v1.RowReject;

/**
 * The client side of one Ingest call: sends the start message, then the file in chunks only
 * while the transport is ready (the onReady handler resumes it), and hands every event to the
 * caller's consumers.
 */
final class IngestUpload implements ClientResponseObserver<IngestRequest, IngestEvent> {
  static final int CHUNK = 256 * 1024;

  private final IngestStart start;
  private final InputStream file;
  private final Consumer<RowReject> rejects;
  private final Consumer<IngestProgress> progress;
  private final CountDownLatch finished = new CountDownLatch(1);
  private ClientCallStreamObserver<IngestRequest> requests;
  private boolean started;
  private boolean sent;
  private volatile Throwable failure;
  private volatile IngestProgress last;

  IngestUpload(IngestStart start, InputStream file, Consumer<RowReject> rejects, Consumer<IngestProgress> progress) {
    this.start = start;
    this.file = file;
    this.rejects = rejects;
    this.progress = progress;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<IngestRequest> requestStream) {
    this.requests = requestStream;
    requestStream.setOnReadyHandler(this::pump);
  }

  /** Called once the call has started. */
  synchronized void begin() {
    requests.onNext(IngestRequest.newBuilder().setStart(start).build());
    started = true;
    pump();
  }

  private synchronized void pump() {
    if (!started || sent) {
      return;
    }
    try {
      byte[] buffer = new byte[CHUNK];
      while (requests.isReady()) {
        int n = file.readNBytes(buffer, 0, CHUNK);
        if (n > 0) {
          requests.onNext(IngestRequest.newBuilder().setData(ByteString.copyFrom(buffer, 0, n)).build());
        }
        if (n < CHUNK) {
          sent = true;
          requests.onCompleted();
          return;
        }
      }
    } catch (IOException e) {
      sent = true;
      requests.cancel("cannot read the file: " + e.getMessage(), e);
    }
  }

  @Override
  public void onNext(IngestEvent event) {
    if (event.hasReject()) {
      rejects.accept(event.getReject());
    } else if (event.hasProgress()) {
      last = event.getProgress();
      progress.accept(event.getProgress());
    }
  }

  @Override
  public void onError(Throwable t) {
    failure = t;
    finished.countDown();
  }

  @Override
  public void onCompleted() {
    finished.countDown();
  }

  /** Waits for the node's answer; the call's deadline bounds the wait. */
  IngestProgress await() throws InterruptedException {
    finished.await();
    if (failure != null) {
      throw failure instanceof StatusRuntimeException s ? s : Status.fromThrowable(failure).asRuntimeException();
    }
    if (last == null || !last.getDone()) {
      throw Status.INTERNAL.withDescription("the node ended the ingest without a summary").asRuntimeException();
    }
    return last;
  }
}
