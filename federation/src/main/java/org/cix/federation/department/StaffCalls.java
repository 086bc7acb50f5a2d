package org.cix.federation.department;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cix.core.account.Account;
import org.cix.proto.v1.AccountAdminGrpc;
import org.cix.proto.v1.DepartmentGrpc;
import org.cix.proto.v1.GrantAdminGrpc;
import org.cix.proto.v1.LoginRequest;
import org.cix.proto.v1.LoginResult;
import org.cix.proto.v1.Receipt;
import org.cix.proto.v1.SubmitRequest;
import org.cix.proto.v1.SubmitStart;

/**
 * The department service called in process under the account of a staff session (the console's
 * way in): the same roles, audit and refusals as a call over the network, because it is the same
 * service. Each call carries a one-time ticket for the account its bearer token names.
 */
public final class StaffCalls {
  private static final Duration CALL_WAIT = Duration.ofSeconds(60);
  private static final Duration SUBMIT_WAIT = Duration.ofHours(6);

  private final ManagedChannel channel;
  private final GatewayTickets tickets;
  private final AccountInterceptor accounts;

  StaffCalls(ManagedChannel channel, GatewayTickets tickets, AccountInterceptor accounts) {
    this.channel = channel;
    this.tickets = tickets;
    this.accounts = accounts;
  }

  /** A member of staff's name and password for a bearer token (refused as the API refuses it). */
  public LoginResult login(String account, String password) {
    return DepartmentGrpc.newBlockingStub(channel).withDeadlineAfter(CALL_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .login(LoginRequest.newBuilder().setAccount(account).setPassword(password).build());
  }

  /** One unary call of the department service under the account of {@code token}. */
  public <T> T call(String token, Function<DepartmentGrpc.DepartmentBlockingStub, T> call) {
    return call(token, DepartmentGrpc::newBlockingStub, call);
  }

  /** One unary call of the account service (role admin) under the account of {@code token}. */
  public <T> T accounts(String token, Function<AccountAdminGrpc.AccountAdminBlockingStub, T> call) {
    return call(token, AccountAdminGrpc::newBlockingStub, call);
  }

  /** One unary call of the grant service (role admin: list and revoke) under the account of {@code token}. */
  public <T> T grants(String token, Function<GrantAdminGrpc.GrantAdminBlockingStub, T> call) {
    return call(token, GrantAdminGrpc::newBlockingStub, call);
  }

  private <S extends AbstractStub<S>, T> T call(String token, Function<Channel, S> stub, Function<S, T> call) {
    String ticket = tickets.issue(account(token));
    try {
      return call.apply(stub.apply(channel).withInterceptors(withTicket(ticket))
          .withDeadlineAfter(CALL_WAIT.toMillis(), TimeUnit.MILLISECONDS));
    } finally {
      tickets.discard(ticket);
    }
  }

  /** A submission under the account of {@code token}: {@code start}, then the file from {@code body}. */
  public Receipt submit(String token, SubmitStart start, InputStream body) throws IOException {
    String ticket = tickets.issue(account(token));
    try {
      DepartmentGrpc.DepartmentStub stub = DepartmentGrpc.newStub(channel).withInterceptors(withTicket(ticket))
          .withDeadlineAfter(SUBMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return Uploads.send(stub::submit, SubmitRequest.newBuilder().setStart(start).build(),
          chunk -> SubmitRequest.newBuilder().setData(chunk).build(), body, SUBMIT_WAIT);
    } finally {
      tickets.discard(ticket);
    }
  }

  private Account account(String token) {
    return accounts.authenticate(Optional.empty(), Optional.of("Bearer " + token));
  }

  private static io.grpc.ClientInterceptor withTicket(String ticket) {
    Metadata headers = new Metadata();
    headers.put(GatewayTickets.HEADER, ticket);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }
}
