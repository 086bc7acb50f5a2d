package org.cix.federation.admin;

import static org.cix.federation.rpc.StatusMapping.answer;

import java.util.Set;
import io.grpc.stub.StreamObserver;
import org.cix.core.authority.DepartmentRegistry;
import org.cix.core.node.NodeServices;
import org.cix.proto.v1.DepartmentAdminGrpc;
import org.cix.proto.v1.DepartmentInfo;
import org.cix.proto.v1.DepartmentList;
import org.cix.proto.v1.ListDepartmentsRequest;
import org.cix.proto.v1.RegisterDepartmentRequest;
import org.cix.proto.v1.WithdrawDepartmentRequest;

/** The department registry on the admin port ({@code cix department}). */
public final class DepartmentAdminService extends DepartmentAdminGrpc.DepartmentAdminImplBase {
  private final NodeServices backend;

  public DepartmentAdminService(NodeServices backend) {
    this.backend = backend;
  }

  @Override
  public void registerDepartment(RegisterDepartmentRequest request, StreamObserver<DepartmentInfo> response) {
    answer(response, () -> department(backend.departments().register(request.getUscc(), request.getName(),
        Set.copyOf(request.getRecordTypesList()))));
  }

  @Override
  public void withdrawDepartment(WithdrawDepartmentRequest request, StreamObserver<DepartmentInfo> response) {
    answer(response, () -> department(backend.departments().withdraw(request.getUscc())));
  }

  @Override
  public void listDepartments(ListDepartmentsRequest request, StreamObserver<DepartmentList> response) {
    answer(response, () -> {
      DepartmentList.Builder list = DepartmentList.newBuilder();
      backend.departments().held().values().forEach(d -> list.addDepartments(department(d)));
      return list.build();
    });
  }

  private static DepartmentInfo department(DepartmentRegistry.Department d) {
    return DepartmentInfo.newBuilder().setUscc(d.uscc()).setName(d.name()).setNode(d.node())
        .addAllRecordTypes(new java.util.TreeSet<>(d.types())).setRegisteredDate(d.registered())
        .setWithdrawnDate(d.withdrawn()).build();
  }
}
