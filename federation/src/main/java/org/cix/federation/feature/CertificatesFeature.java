package org.cix.federation.feature;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import io.grpc.BindableService;
import org.cix.federation.certificates.CertificateAdminService;

/** Renewing the node's certificates on demand, and resealing its records under the new ones. */
public final class CertificatesFeature extends AbstractModule {
  @ProvidesIntoSet
  @AdminRpc
  BindableService admin(NodeRuntime node) {
    return new CertificateAdminService(node.self().nodeId(), node.renewer(), node.services().resealing());
  }
}
