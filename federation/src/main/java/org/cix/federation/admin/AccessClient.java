package org.cix.federation.admin;

import io.grpc.Channel;
import java.util.Collection;
import org.cix.proto.v1.AccountAdminGrpc;
import org.cix.proto.v1.AccountInfo;
import org.cix.proto.v1.AccountList;
import org.cix.proto.v1.AddAccountRequest;
import org.cix.proto.v1.AddedAccount;
import org.cix.proto.v1.DepartmentAdminGrpc;
import org.cix.proto.v1.DepartmentInfo;
import org.cix.proto.v1.DepartmentList;
import org.cix.proto.v1.GrantAdminGrpc;
import org.cix.proto.v1.GrantInfo;
import org.cix.proto.v1.GrantList;
import org.cix.proto.v1.IssueGrantRequest;
import org.cix.proto.v1.ListAccountsRequest;
import org.cix.proto.v1.ListDepartmentsRequest;
import org.cix.proto.v1.ListGrantsRequest;
import org.cix.proto.v1.RegisterDepartmentRequest;
import org.cix.proto.v1.RevokeAccountRequest;
import org.cix.proto.v1.RevokeGrantRequest;
import org.cix.proto.v1.WithdrawDepartmentRequest;

/** Who may do what at the node, from the CLI: department accounts, sharing grants, the department register. */
public final class AccessClient {
  private final AdminCalls calls;
  private final AccountAdminGrpc.AccountAdminBlockingStub accounts;
  private final GrantAdminGrpc.GrantAdminBlockingStub grants;
  private final DepartmentAdminGrpc.DepartmentAdminBlockingStub registry;

  AccessClient(Channel channel, AdminCalls calls) {
    this.calls = calls;
    this.accounts = AccountAdminGrpc.newBlockingStub(channel);
    this.grants = GrantAdminGrpc.newBlockingStub(channel);
    this.registry = DepartmentAdminGrpc.newBlockingStub(channel);
  }

  public AddedAccount addAccount(AddAccountRequest request) {
    return calls.call(accounts, s -> s.addAccount(request));
  }

  public AccountList listAccounts() {
    return calls.call(accounts, s -> s.listAccounts(ListAccountsRequest.getDefaultInstance()));
  }

  public AccountInfo revokeAccount(String name) {
    return calls.call(accounts, s -> s.revokeAccount(RevokeAccountRequest.newBuilder().setName(name).build()));
  }

  public GrantInfo issueGrant(IssueGrantRequest request) {
    return calls.call(grants, s -> s.issueGrant(request));
  }

  public GrantList listGrants() {
    return calls.call(grants, s -> s.listGrants(ListGrantsRequest.getDefaultInstance()));
  }

  public GrantInfo revokeGrant(long id) {
    return calls.call(grants, s -> s.revokeGrant(RevokeGrantRequest.newBuilder().setId(id).build()));
  }

  public DepartmentInfo registerDepartment(String uscc, String name, Collection<String> recordTypes) {
    return calls.call(registry, s -> s.registerDepartment(RegisterDepartmentRequest.newBuilder().setUscc(uscc)
        .setName(name).addAllRecordTypes(recordTypes).build()));
  }

  public DepartmentInfo withdrawDepartment(String uscc) {
    return calls.call(registry, s -> s.withdrawDepartment(WithdrawDepartmentRequest.newBuilder().setUscc(uscc)
        .build()));
  }

  public DepartmentList listDepartments() {
    return calls.call(registry, s -> s.listDepartments(ListDepartmentsRequest.getDefaultInstance()));
  }
}
