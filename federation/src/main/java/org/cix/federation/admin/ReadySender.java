package org.cix.federation.admin;

import io.grpc.stub.ServerCallStreamObserver;
import org.cix.core.error.CixException;
import org.cix.federation.rpc.StatusMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending half of a server stream written from a worker thread: each message waits (no
 * polling) until the client can take it, so the server holds no more than one; a cancelled call
 * takes nothing more, and its failure is not reported to a client that left.
 *
 * @param <M> the stream's message
 */
final class ReadySender<M> {
  private static final Logger log = LoggerFactory.getLogger(ReadySender.class);

  private final String what;
  private final ServerCallStreamObserver<M> responses;
  private final Object ready = new Object();
  private volatile boolean cancelled;

  /** {@code what}: the call's name in logs; {@code onCancel}: run when the client cancels, after sends stop. */
  ReadySender(String what, ServerCallStreamObserver<M> responses, Runnable onCancel) {
    this.what = what;
    this.responses = responses;
    responses.setOnReadyHandler(this::wake);
    responses.setOnCancelHandler(() -> {
      cancelled = true;
      onCancel.run();
      wake();
    });
  }

  boolean cancelled() {
    return cancelled;
  }

  /** Sends {@code message} once the client can take it; nothing once it cancelled. */
  void send(M message) {
    synchronized (ready) {
      while (!responses.isReady() && !cancelled) {
        try {
          ready.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw CixException.invalidInput(what + " interrupted");
        }
      }
      if (!cancelled) {
        responses.onNext(message);
      }
    }
  }

  /** Ends the call. */
  void complete() {
    if (!cancelled) {
      responses.onCompleted();
    }
  }

  /** Ends the call with {@code failure} as its status. */
  void fail(RuntimeException failure) {
    if (cancelled) {
      return;
    }
    log.warn("{} failed: {}", what, failure.getMessage());
    try {
      responses.onError(StatusMapping.toStatus(failure));
    } catch (IllegalStateException e) {
      // already closed
    }
  }

  private void wake() {
    synchronized (ready) {
      ready.notifyAll();
    }
  }
}
