package org.cix.federation.feature;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.grpc.BindableService;
import org.cix.core.sync.ChangeLogFollower;
import org.cix.federation.admin.RevocationAdminService;

/** Certificate revocation lists: publishing and listing them, and the follower that applies those that arrive. */
public final class RevocationFeature extends AbstractModule {
  @ProvidesIntoSet
  @AdminRpc
  BindableService admin(NodeRuntime node) {
    return new RevocationAdminService(node.services());
  }

  @ProvidesIntoSet
  ChangeLogFollower follower(NodeRuntime node) {
    return node.services().revocations();
  }
}
