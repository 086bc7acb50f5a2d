package org.cix.federation.rpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.cix.core.error.CixException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one table from domain failures to gRPC status codes, and back for clients. Unexpected
 * exceptions become INTERNAL with a generic description (logged here, never shipped).
 */
public final class StatusMapping {
  private static final Logger log = LoggerFactory.getLogger(StatusMapping.class);
  /** Marks a status a cix node sent, as against one the connection or gRPC itself produced. */
  private static final Metadata.Key<String> FAILURE_KIND =
      Metadata.Key.of("cix-failure-kind", Metadata.ASCII_STRING_MARSHALLER);

  private StatusMapping() {}

  /** Answers a unary call with what {@code work} returns, or with the status of its failure. */
  public static <T> void answer(StreamObserver<T> response, Supplier<T> work) {
    T answer;
    try {
      answer = work.get();
    } catch (RuntimeException e) {
      response.onError(toStatus(e));
      return;
    }
    response.onNext(answer);
    response.onCompleted();
  }

  public static StatusRuntimeException toStatus(Throwable failure) {
    if (failure instanceof StatusRuntimeException status) {
      return status;
    }
    if (failure instanceof CixException cix) {
      Metadata trailers = new Metadata();
      trailers.put(FAILURE_KIND, cix.kind().name());
      return code(cix.kind()).withDescription(cix.getMessage()).asRuntimeException(trailers);
    }
    log.error("unexpected failure in a call", failure);
    return Status.INTERNAL.withDescription("internal error; see the node's log").asRuntimeException();
  }

  /**
   * The domain failure a status stands for, for clients; {@code lostNode} words a failure the
   * node did not send (the connection broke, the node stopped) for the one calling.
   */
  public static CixException toDomain(StatusRuntimeException e, String lostNode) {
    Status status = e.getStatus();
    String description = status.getDescription() == null ? status.getCode().name() : status.getDescription();
    if (status.getCode() == Status.Code.UNAVAILABLE && !sentByNode(e)) {
      return new CixException(CixException.Kind.UNAVAILABLE, lostNode + ": " + description, e);
    }
    if (status.getCode() == Status.Code.UNIMPLEMENTED) {
      return new CixException(CixException.Kind.PRECONDITION_FAILED, "the node does not serve this call ("
          + description + "): it runs without the feature that serves it, or an older cix", e);
    }
    CixException.Kind kind = switch (status.getCode()) {
      case INVALID_ARGUMENT -> CixException.Kind.INVALID_INPUT;
      case NOT_FOUND -> CixException.Kind.NOT_FOUND;
      case FAILED_PRECONDITION -> CixException.Kind.PRECONDITION_FAILED;
      case PERMISSION_DENIED -> CixException.Kind.PERMISSION_DENIED;
      case UNAUTHENTICATED -> CixException.Kind.UNAUTHENTICATED;
      case RESOURCE_EXHAUSTED -> CixException.Kind.RESOURCE_EXHAUSTED;
      default -> CixException.Kind.UNAVAILABLE;
    };
    return new CixException(kind, description, e);
  }

  private static boolean sentByNode(StatusRuntimeException e) {
    Metadata trailers = e.getTrailers();
    return trailers != null && trailers.containsKey(FAILURE_KIND);
  }

  private static Status code(CixException.Kind kind) {
    return switch (kind) {
      case INVALID_INPUT -> Status.INVALID_ARGUMENT;
      case NOT_FOUND -> Status.NOT_FOUND;
      case PRECONDITION_FAILED -> Status.FAILED_PRECONDITION;
      case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
      case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
      case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
      case UNAVAILABLE -> Status.UNAVAILABLE;
    };
  }
}
