package org.cix.federation.admin;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cix.core.error.CixException;
import org.cix.federation.rpc.StatusMapping;

/** Unary calls to the admin port with a deadline, the node's refusal turned into a domain error. */
final class AdminCalls {
  private final Duration deadline;
  private final int port;

  AdminCalls(Duration deadline, int port) {
    this.deadline = deadline;
    this.port = port;
  }

  /** One call on {@code stub} (any of the admin port's services) with the client's deadline. */
  <S extends AbstractStub<S>, T> T call(S stub, Function<S, T> call) {
    return call(stub, deadline, call);
  }

  /** The same within {@code within}, but never less than the client's deadline. */
  <S extends AbstractStub<S>, T> T call(S stub, Duration within, Function<S, T> call) {
    Duration bound = within.compareTo(deadline) > 0 ? within : deadline;
    try {
      return call.apply(stub.withDeadlineAfter(bound.toMillis(), TimeUnit.MILLISECONDS));
    } catch (StatusRuntimeException e) {
      throw failure(e);
    }
  }

  CixException failure(StatusRuntimeException e) {
    return StatusMapping.toDomain(e, "lost the connection to the node on admin port " + port
        + " (did it stop? cix status tells)");
  }
}
