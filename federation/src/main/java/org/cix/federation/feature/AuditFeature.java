package org.cix.federation.feature;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.grpc.BindableService;
import org.cix.federation.admin.AuditAdminService;

/** The audit log on the admin port (`cix audit`). */
public final class AuditFeature extends AbstractModule {
  @ProvidesIntoSet
  @AdminRpc
  BindableService admin(NodeRuntime node) {
    return new AuditAdminService(node.self(), node.services());
  }
}
