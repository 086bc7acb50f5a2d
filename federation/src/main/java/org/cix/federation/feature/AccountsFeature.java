package org.cix.federation.feature;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.grpc.BindableService;
import org.cix.federation.admin.AccountAdminService;

/** The accounts departments reach the node with. */
public final class AccountsFeature extends AbstractModule {
  @ProvidesIntoSet
  @AdminRpc
  BindableService admin(NodeRuntime node) {
    return new AccountAdminService(node.services().access().accounts());
  }
}
