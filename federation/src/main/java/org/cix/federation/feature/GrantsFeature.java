package org.cix.federation.feature;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.grpc.BindableService;
import org.cix.federation.admin.GrantAdminService;

/** Sharing grants issued, listed and revoked by the admin. */
public final class GrantsFeature extends AbstractModule {
  @ProvidesIntoSet
  @AdminRpc
  BindableService admin(NodeRuntime node) {
    return new GrantAdminService(node.services(), node.clock());
  }
}
