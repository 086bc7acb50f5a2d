package org.cix.federation.feature;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.grpc.BindableService;
import org.cix.core.sync.ChangeLogFollower;
import org.cix.federation.admin.QualityAdminService;

/** The quality queue: the admin RPCs, and the follower that counts versions per department and finds name mismatches. */
public final class QualityFeature extends AbstractModule {
  @ProvidesIntoSet
  @AdminRpc
  BindableService admin(NodeRuntime node) {
    return new QualityAdminService(node.services());
  }

  @ProvidesIntoSet
  ChangeLogFollower follower(NodeRuntime node) {
    return node.services().quality();
  }
}
