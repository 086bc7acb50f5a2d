package org.cix.federation.feature;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.grpc.BindableService;
import org.cix.core.sync.ChangeLogFollower;
import org.cix.federation.admin.CorrectionAdminService;

/** Objections and credit repair: the admin RPCs, and the follower that keeps requests and decisions as they arrive. */
public final class CorrectionsFeature extends AbstractModule {
  @ProvidesIntoSet
  @AdminRpc
  BindableService admin(NodeRuntime node) {
    return new CorrectionAdminService(node.services(), node.self());
  }

  @ProvidesIntoSet
  ChangeLogFollower follower(NodeRuntime node) {
    return node.services().corrections();
  }
}
