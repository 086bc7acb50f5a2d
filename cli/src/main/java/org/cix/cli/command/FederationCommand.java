package org.cix.cli.command;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cix.federation.admin.AdminClient;
import org.cix.crypto.pki.CertificateExpiry;
import org.cix.proto.v1.FederationView;
import org.cix.proto.v1.LinkReportInfo;
import org.cix.proto.v1.NodeReportInfo;
import picocli.CommandLine.Command;

/** {@code cix federation}: the tree as the nodes report themselves (this node's subtree; all at the top). */
@Command(name = "federation", mixinStandardHelpOptions = true,
    description = "The federation as the nodes report themselves up the tree (node-report records): every node of "
        + "this node's subtree (all of them at the national node), its parent, when it last reported, what it "
        + "holds, and each of its links with state, volumes and last contact.")
public final class FederationCommand extends NodeAnswer {
  @Override
  public Integer call() throws InvalidProtocolBufferException {
    FederationView view = node.ask(AdminClient::federation);
    print(view, (v, out) -> print(v, out, System.currentTimeMillis()));
    return 0;
  }

  /** The nodes as a tree (children under their parent), one row each, then their links. */
  public static void print(FederationView view, PrintWriter out, long now) {
    Map<String, NodeReportInfo> byId = new LinkedHashMap<>();
    view.getNodesList().forEach(n -> byId.put(n.getNodeId(), n));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NODE", "JURISDICTION", "REPORTED", "RECORDS", "CERTIFICATES",
        "LINKS (state, sent/received, last contact)"});
    for (NodeReportInfo root : view.getNodesList()) {
      if (!byId.containsKey(root.getParent())) {
        add(root, "", byId, rows, now);
      }
    }
    TextTable.print(rows, out);
  }

  /** When the node's first certificate expires, with RENEW within {@link CertificateExpiry#WARN_BEFORE}. */
  static String certificates(long untilMillis, long now) {
    if (untilMillis == 0) {
      return "-";
    }
    long days = Math.floorDiv(untilMillis - now, 86_400_000L);
    String left = days < 0 ? "expired" : days + " days";
    return left + (untilMillis - now <= CertificateExpiry.WARN_BEFORE.toMillis() ? " RENEW" : "");
  }

  /**
   * How long ago the node reported, and DOWN when its parent reported later that the link to it
   * is not up: a node that died reports nothing more, its parent says so within seconds.
   */
  static String reported(NodeReportInfo node, Map<String, NodeReportInfo> byId, long now) {
    String age = TextTable.duration(Math.max(0, now - node.getReportedAtMillis())) + " ago";
    NodeReportInfo parent = byId.get(node.getParent());
    if (parent == null || parent.getReportedAtMillis() <= node.getReportedAtMillis()) {
      return age;
    }
    return parent.getLinksList().stream()
        .filter(l -> l.getPeer().equals(node.getNodeId()) && !l.getState().equals("up"))
        .findFirst()
        .map(l -> age + ", DOWN at " + parent.getNodeId() + " "
            + TextTable.duration(Math.max(0, now - parent.getReportedAtMillis())) + " ago")
        .orElse(age);
  }

  private static void add(NodeReportInfo node, String indent, Map<String, NodeReportInfo> byId, List<String[]> rows,
      long now) {
    List<String> links = new ArrayList<>();
    for (LinkReportInfo l : node.getLinksList()) {
      links.add(l.getPeer() + " " + l.getRole() + " " + l.getState() + " " + l.getSent() + "/" + l.getReceived()
          + (l.getLastBundleMillis() == 0 ? "" : " " + TextTable.duration(now - l.getLastBundleMillis()) + " ago"));
    }
    rows.add(new String[] {indent + node.getNodeId(), node.getJurisdiction().isEmpty() ? "national"
        : node.getJurisdiction(), reported(node, byId, now),
        String.format("%,d", node.getRecords()), certificates(node.getCertificatesUntilMillis(), now),
        String.join("; ", links)});
    for (NodeReportInfo child : byId.values()) {
      if (child.getParent().equals(node.getNodeId())) {
        add(child, indent + "  ", byId, rows, now);
      }
    }
  }
}
