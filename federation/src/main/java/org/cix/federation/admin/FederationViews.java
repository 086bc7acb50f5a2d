package org.cix.federation.admin;

import java.util.function.Supplier;
import org.cix.core.node.NodeServices;
import org.cix.core.stats.NodeReports;
import org.cix.proto.v1.FederationView;
import org.cix.proto.v1.LinkReportInfo;
import org.cix.proto.v1.NodeReportInfo;

/**
 * The federation as a node knows it: its own report made now, then the reports of the nodes below
 * it (all of them at the national node). The admin port and the department API answer the same.
 */
public final class FederationViews {
  private FederationViews() {}

  public static FederationView of(NodeReports.NodeReport own, NodeServices backend) {
    FederationView.Builder view = FederationView.newBuilder();
    view.addNodes(report(own));
    backend.reports().held().stream().filter(r -> !r.nodeId().equals(own.nodeId())).forEach(r -> view.addNodes(report(r)));
    return view.build();
  }

  /** The view with {@code own} made when asked. */
  public static Supplier<FederationView> of(Supplier<NodeReports.NodeReport> own, NodeServices backend) {
    return () -> of(own.get(), backend);
  }

  private static NodeReportInfo report(NodeReports.NodeReport r) {
    NodeReportInfo.Builder proto = NodeReportInfo.newBuilder().setNodeId(r.nodeId()).setJurisdiction(r.jurisdiction())
        .setParent(r.parent()).setReportedAtMillis(r.reportedAtMillis()).setSoftwareVersion(r.softwareVersion())
        .setRecords(r.records()).setVersions(r.versions()).setQuarantined(r.quarantined())
        .setCertificatesUntilMillis(r.certificatesUntil());
    r.links().forEach(l -> proto.addLinks(LinkReportInfo.newBuilder().setPeer(l.peer()).setRole(l.role())
        .setState(l.state()).setSent(l.sent()).setReceived(l.received()).setBacklog(l.backlog())
        .setLastBundleMillis(l.lastBundleMillis())));
    return proto.build();
  }
}
