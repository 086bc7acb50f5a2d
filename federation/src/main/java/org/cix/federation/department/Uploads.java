package org.cix.federation.department;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A file sent as a client stream (Submit's shape): a first message, then the bytes in chunks,
 * then the one answer. The HTTP/JSON gateway and the console both upload this way.
 */
final class Uploads {
  static final int CHUNK = 256 * 1024;

  private Uploads() {}

  /**
   * Opens the call with {@code open}, sends {@code first} and {@code body} in chunks made by
   * {@code chunk} (stopping early when the service has already answered), and waits at most
   * {@code wait} for the answer; a refusal is thrown as the service's status; a file that cannot be
   * read cancels the call.
   */
  static <Q, R> R send(Function<StreamObserver<R>, StreamObserver<Q>> open, Q first, Function<ByteString, Q> chunk,
      InputStream body, Duration wait) throws IOException {
    CompletableFuture<R> answer = new CompletableFuture<>();
    StreamObserver<Q> requests = open.apply(new StreamObserver<>() {
      @Override
      public void onNext(R value) {
        answer.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        answer.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    });
    try {
      requests.onNext(first);
      byte[] buffer = new byte[CHUNK];
      for (int n = body.readNBytes(buffer, 0, CHUNK); n > 0 && !answer.isDone();
          n = body.readNBytes(buffer, 0, CHUNK)) {
        requests.onNext(chunk.apply(ByteString.copyFrom(buffer, 0, n)));
      }
    } catch (IOException e) {
      requests.onError(e);
      throw e;
    }
    requests.onCompleted();
    try {
      return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof StatusRuntimeException s ? s : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw Status.DEADLINE_EXCEEDED.withDescription("no answer within " + wait).asRuntimeException();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Status.CANCELLED.asRuntimeException();
    }
  }
}
