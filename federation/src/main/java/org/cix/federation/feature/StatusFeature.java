package org.cix.federation.feature;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.grpc.BindableService;
import org.cix.federation.admin.AdminService;

/** Status, sync, profiles, history, checks, stats and the federation view on the admin port. */
public final class StatusFeature extends AbstractModule {
  @ProvidesIntoSet
  @AdminRpc
  BindableService admin(NodeRuntime node) {
    return new AdminService(node.self(), node.services(), node.startedAt(), node.federationPort(), node.links(),
        node.sync(), node.clock(), node.metrics(), node.frontEnd());
  }
}
