package org.cix.federation.admin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cix.crypto.pki.CertificateExpiry;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.core.node.SoftwareVersion;
import org.cix.core.stats.NodeReports;
import org.cix.core.store.StoreCounts;
import org.cix.federation.link.LinkRegistry;
import org.cix.federation.link.SyncHub;
import org.cix.proto.v1.LinkRole;
import org.cix.proto.v1.SyncLink;
import org.cix.proto.v1.SyncOverview;

/** This node's report of itself, as it is now: what it holds and each link as sync status shows it. */
public final class NodeReportBuilder {
  private NodeReportBuilder() {}

  public static NodeReports.NodeReport now(NodeIdentity self, NodeServices services, LinkRegistry links, SyncHub sync,
      Clock clock) {
    SyncOverview overview = SyncStatuses.of(links, sync, clock);
    StoreCounts counts = services.store().counts();
    String parent = "";
    List<NodeReports.LinkReport> reports = new ArrayList<>();
    for (SyncLink link : overview.getLinksList()) {
      if (link.getPeerRole() == LinkRole.LINK_ROLE_PARENT) {
        parent = link.getPeerNodeId();
      }
      reports.add(new NodeReports.LinkReport(link.getPeerNodeId(),
          link.getPeerRole().name().replace("LINK_ROLE_", "").toLowerCase(Locale.ROOT),
          link.getState().name().replace("LINK_STATE_", "").toLowerCase(Locale.ROOT), link.getRecordsSent(),
          link.getRecordsReceived(), link.getBacklog(), link.getLastBundleMillis()));
    }
    return new NodeReports.NodeReport(self.nodeId(), self.jurisdiction().code(), parent, clock.millis(),
        SoftwareVersion.current(), counts.records(), counts.versions(), counts.quarantined(), reports,
        services.exchange().versionsByOriginAndType().getOrDefault(self.nodeId(), Map.of()),
        CertificateExpiry.of(services.keys()).stream().filter(e -> e.which().equals("tls") || e.which().equals("seal"))
            .mapToLong(e -> e.notAfter().toEpochMilli()).min().orElse(0));
  }
}
