package org.cix.federation.feature;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.grpc.BindableService;
import org.cix.federation.admin.IngestAdminService;

/** Ingest of department exports on the admin port (`cix ingest`). */
public final class IngestFeature extends AbstractModule {
  @ProvidesIntoSet
  @AdminRpc
  BindableService admin(NodeRuntime node) {
    return new IngestAdminService(node.services(), node.ingest(), node.metrics());
  }
}
