package org.cix.cli.command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.cix.proto.v1.LinkDirection;
import org.cix.proto.v1.LinkStatus;
import org.cix.proto.v1.NodeStatus;

/** Renders a node's status as aligned text. */
public final class StatusTable {
  private StatusTable() {}

  public static void print(NodeStatus status, long nowMillis, PrintWriter out) {
    out.printf("node          %s%n", status.getNodeId());
    out.printf("jurisdiction  %s %s (%s)%n",
        status.getJurisdiction().isEmpty() ? "national" : status.getJurisdiction(),
        status.getJurisdictionName(), status.getLevel());
    out.printf("version       %s%n", status.getSoftwareVersion());
    out.printf("uptime        %s%n", TextTable.duration(status.getUptimeMillis()));
    out.printf("federation    port %d%n", status.getFederationPort());
    out.printf("catalog       %s (%d record types)%n", status.getCatalogVersion().substring(0, Math.min(16,
        status.getCatalogVersion().length())), status.getRecordTypes());
    out.printf("measures      %s %s, %s%n", status.getMeasuresName(), status.getMeasuresVersion().substring(0,
        Math.min(16, status.getMeasuresVersion().length())), status.getMeasuresSignedBy().isEmpty()
            ? "this node's configuration, unsigned (waiting for the national set from the parent)"
            : "signed by " + status.getMeasuresSignedBy() + " at "
                + TextTable.beijing(status.getMeasuresSignedAtMillis()));
    for (var certificate : status.getCertificatesList()) {
      long days = Math.floorDiv(certificate.getNotAfterMillis() - nowMillis, 86_400_000L);
      String left = days < 0 ? "expired" : days == 1 ? "1 day" : days + " days";
      out.printf("certificate   %-6s until %s (%s)%s%n", certificate.getWhich(),
          TextTable.beijing(certificate.getNotAfterMillis()), left,
          certificate.getRenew() ? "  RENEW NOW: it expires within 30 days (operator guide: renewal)" : "");
    }
    for (var list : status.getRevocationListsList()) {
      out.printf("revocations   list %d of %s, next due %s%s%n", list.getNumber(), list.getIssuer(),
          list.getNextUpdateMillis() == 0 ? "(not said)" : TextTable.beijing(list.getNextUpdateMillis()),
          list.getOverdue() ? "  OVERDUE: a newer list may exist; check the link toward that CA's node (the "
              + "list held still applies)" : "");
    }
    out.printf("records       %,d (%,d versions), %,d quarantined%n", status.getRecords(), status.getRecordVersions(),
        status.getQuarantined());
    for (var standby : status.getStandbysList()) {
      out.printf("standby       %s (%s) %s, %s, replay lag %s%s%n", standby.getName(), standby.getAddress(),
          standby.getState(), standby.getSyncState(), standby.getReplayLagMillis() < 0 ? "unknown"
              : standby.getReplayLagMillis() + " ms", List.of("sync", "quorum").contains(standby.getSyncState()) ? ""
              : "  (commits do not wait for it: a failover to it may lose the last commits)");
    }
    if (status.hasFrontEnd()) {
      var frontEnd = status.getFrontEnd();
      out.printf("front end     read only, %s behind its writer (at most %s): %s%n",
          frontEnd.getBehindMillis() < 0 ? "unknown time" : frontEnd.getBehindMillis() + " ms",
          frontEnd.getMaxLagMillis() + " ms", frontEnd.getAnswering() ? "answering"
              : "NOT answering (ask the writer; see the runbook)");
    }
    out.println();
    if (status.getLinksCount() == 0) {
      out.println("no links");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"PEER", "ROLE", "DIR", "STATE", "ADDRESS", "HANDSHAKE", "CONNECTS", "LAST ERROR"});
    for (LinkStatus link : status.getLinksList()) {
      rows.add(new String[] {
          link.getPeerNodeId(),
          TextTable.word(link.getPeerRole(), "LINK_ROLE_"),
          link.getDirection() == LinkDirection.LINK_DIRECTION_OUTBOUND ? "out" : "in",
          TextTable.word(link.getState(), "LINK_STATE_"),
          link.getAddress(),
          link.getLastHandshakeMillis() == 0 ? "never" : TextTable.duration(nowMillis - link.getLastHandshakeMillis()) + " ago",
          Integer.toString(link.getConnects()),
          link.getLastError().isEmpty() ? "-" : link.getLastError()
      });
    }
    TextTable.print(rows, out);
  }
}
