package org.cix.federation.feature;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.grpc.BindableService;
import org.cix.federation.admin.DepartmentAdminService;

/** The registry of departments and the record types each may submit. */
public final class DepartmentsFeature extends AbstractModule {
  @ProvidesIntoSet
  @AdminRpc
  BindableService admin(NodeRuntime node) {
    return new DepartmentAdminService(node.services());
  }
}
