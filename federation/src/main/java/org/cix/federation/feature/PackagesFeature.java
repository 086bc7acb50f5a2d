package org.cix.federation.feature;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.grpc.BindableService;
import org.cix.federation.admin.PackageAdminService;

/** Credit packages on the admin port (`cix package export`), written on the ingest thread. */
public final class PackagesFeature extends AbstractModule {
  @ProvidesIntoSet
  @AdminRpc
  BindableService admin(NodeRuntime node) {
    return new PackageAdminService(node.services(), node.ingest(), node.clock());
  }
}
