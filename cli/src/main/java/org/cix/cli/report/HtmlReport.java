package org.cix.cli.report;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.cix.cli.command.TextTable;
import java.util.Map;
import java.util.TreeMap;
import org.cix.core.record.ChinaDate;
import org.cix.proto.v1.DayFlow;
import org.cix.proto.v1.DepartmentFigures;
import org.cix.proto.v1.ExchangeStats;
import org.cix.proto.v1.FederationView;
import org.cix.proto.v1.NodeReportInfo;
import org.cix.proto.v1.LinkFlow;
import org.cix.proto.v1.NodeStatus;
import org.cix.proto.v1.OriginLag;
import org.cix.proto.v1.OriginTotal;
import org.cix.proto.v1.QualityFigures;
import org.cix.proto.v1.RestrictionCount;
import org.cix.proto.v1.SyncLink;
import org.cix.proto.v1.SyncOverview;

/**
 * The report of one node as one self-contained HTML page: the federation as this node sees it
 * (its links and the origins behind each, edge widths by records), exchange per day, refusals by
 * reason, restrictions in force by region, and data-quality problems per department. No scripts,
 * fonts or fetches; a Content-Security-Policy forbids them, so a browser loads nothing else.
 */
public final class HtmlReport {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ChinaDate.ZONE);
  private static final int TOP = 12;

  private HtmlReport() {}

  /** What the report shows, as the node's admin API gave it. */
  public record Data(NodeStatus status, SyncOverview sync, ExchangeStats stats, QualityFigures quality,
      FederationView federation, Instant at) {}

  public static String html(Data data) {
    NodeStatus status = data.status();
    StringBuilder html = new StringBuilder(32_768);
    html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        .append("<title>cix ").append(Svg.esc(status.getNodeId())).append(" 信用信息交换报告 exchange report</title>")
        .append("<style>body{font-family:sans-serif;margin:2em;color:#222;max-width:1100px}h2{border-bottom:1px solid "
            + "#999;margin-top:2em}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2em .5em;"
            + "font-size:90%;text-align:left}th{background:#eee}.none{color:#777}</style></head><body>\n");
    html.append("<h1>信用信息交换报告 Credit information exchange report</h1>\n<p>node <b>")
        .append(Svg.esc(status.getNodeId())).append("</b>, ").append(Svg.esc(status.getJurisdiction())).append(' ')
        .append(Svg.esc(status.getJurisdictionName())).append(" (").append(Svg.esc(status.getLevel()))
        .append("); records held ").append(String.format(Locale.ROOT, "%,d (%,d versions)", status.getRecords(),
            status.getRecordVersions()))
        .append("; made ").append(TIME.format(data.at())).append(" Beijing time")
        .append(data.stats().getSinceMillis() == 0 ? "" : ", exchange since "
            + TIME.format(Instant.ofEpochMilli(data.stats().getSinceMillis())))
        .append(".</p>\n");

    if (data.federation().getNodesCount() > 1) {
      html.append("<h2>联邦与交换流量 The federation, and what flowed</h2>\n<p>Every node as it reports itself up the "
          + "tree (this node's subtree); a line's width grows with the records that flowed over the link since the "
          + "nodes started.</p>\n").append(Svg.tree(reportedTree(data.federation()))).append('\n');
      html.append(nodesTable(data.federation(), data.at()));
    } else {
      html.append("<h2>联邦与交换流量 The federation from here, and what flowed</h2>\n<p>This node, its links, and the "
          + "origins whose records came over each link; a line's width grows with the records that flowed over it."
          + "</p>\n").append(Svg.tree(tree(data))).append('\n');
    }

    html.append("<h2>每日交换量 Exchange per day</h2>\n").append(days(data.stats())).append('\n');

    List<Svg.Bar> reasons = new ArrayList<>();
    Map<String, Long> byReason = new TreeMap<>();
    data.quality().getDepartmentsList().forEach(d -> d.getRefusedByReasonMap().forEach((reason, n) ->
        byReason.merge(reason, n, Long::sum)));
    byReason.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
        .forEach(e -> reasons.add(new Svg.Bar(e.getKey(), e.getValue(), String.format(Locale.ROOT, "%,d",
            e.getValue()))));
    html.append("<h2>拒收原因 Refused rows and records, by reason</h2>\n<p>Rows refused at ingest here and records "
        + "refused over links, each kept in quarantine with its reason.</p>\n").append(Svg.bars(reasons, Svg.COLOURS[1]))
        .append('\n');

    List<Svg.Bar> restrictions = new ArrayList<>();
    data.stats().getRestrictionsList().stream()
        .sorted(Comparator.comparingLong(RestrictionCount::getRecords).reversed()).limit(TOP)
        .forEach(r -> restrictions.add(new Svg.Bar(r.getRegion() + " " + r.getRegionName() + " · " + r.getType(),
            r.getRecords(), TextTable.count(r.getRecords(), "record", "records") + ", "
                + TextTable.count(r.getSubjects(), "subject", "subjects"))));
    html.append("<h2>各地区失信限制 Restrictions in force, by region</h2>\n<p>Records held here that trigger a joint "
        + "punishment today, by where their subjects are registered.</p>\n")
        .append(Svg.bars(restrictions, Svg.COLOURS[3])).append('\n');

    List<Svg.Bar> quality = new ArrayList<>();
    data.quality().getDepartmentsList().stream()
        .sorted(Comparator.comparingLong(HtmlReport::problems).reversed()).filter(d -> problems(d) > 0).limit(TOP)
        .forEach(d -> quality.add(new Svg.Bar((d.getName().isEmpty() ? "" : d.getName() + " ")
            + (d.getDepartment().isEmpty() ? "(no source department named)" : d.getDepartment()), problems(d),
            String.format(Locale.ROOT, "%,d refused, %,d conflicts, %,d names; %,d open", d.getRefusedByReasonMap()
                .values().stream().mapToLong(Long::longValue).sum(), d.getConflicts(), d.getNameMismatches(),
                d.getOpen()))));
    html.append("<h2>数据质量 Data-quality problems per source department</h2>\n")
        .append(Svg.bars(quality, Svg.COLOURS[5])).append('\n');

    html.append("<h2>到达时延 From origin seal to arrival here</h2>\n");
    if (data.stats().getLagsCount() == 0) {
      html.append("<p class=\"none\">none received</p>\n");
    } else {
      html.append("<table><tr><th>origin</th><th>versions</th><th>p50</th><th>p99</th><th>max</th></tr>\n");
      for (OriginLag l : data.stats().getLagsList()) {
        html.append("<tr><td>").append(Svg.esc(l.getOrigin())).append("</td><td>")
            .append(String.format(Locale.ROOT, "%,d", l.getVersions())).append("</td><td>").append(l.getP50Millis())
            .append(" ms</td><td>").append(l.getP99Millis()).append(" ms</td><td>").append(l.getMaxMillis())
            .append(" ms</td></tr>\n");
      }
      html.append("</table>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  private static long problems(DepartmentFigures d) {
    return d.getRefusedByReasonMap().values().stream().mapToLong(Long::longValue).sum() + d.getConflicts()
        + d.getNameMismatches();
  }

  /** The nodes under their parents as they report; an edge's records are what the parent exchanged with the child. */
  static Svg.TreeNode reportedTree(FederationView view) {
    Map<String, NodeReportInfo> byId = new TreeMap<>();
    view.getNodesList().forEach(n -> byId.put(n.getNodeId(), n));
    NodeReportInfo root = view.getNodesList().stream().filter(n -> !byId.containsKey(n.getParent())).findFirst()
        .orElse(view.getNodes(0));
    return reported(root, byId);
  }

  private static Svg.TreeNode reported(NodeReportInfo node, Map<String, NodeReportInfo> byId) {
    List<Svg.TreeEdge> children = new ArrayList<>();
    for (NodeReportInfo child : byId.values()) {
      if (child.getParent().equals(node.getNodeId())) {
        long records = node.getLinksList().stream().filter(l -> l.getPeer().equals(child.getNodeId()))
            .mapToLong(l -> l.getSent() + l.getReceived()).sum();
        children.add(new Svg.TreeEdge(reported(child, byId), records));
      }
    }
    return new Svg.TreeNode(node.getNodeId(), String.format(Locale.ROOT, "%s, %,d records",
        node.getJurisdiction().isEmpty() ? "national" : node.getJurisdiction(), node.getRecords()), children);
  }

  private static String nodesTable(FederationView view, Instant at) {
    StringBuilder html = new StringBuilder("<table><tr><th>node</th><th>parent</th><th>reported</th><th>records</th>"
        + "<th>links (state, sent/received)</th></tr>\n");
    for (NodeReportInfo n : view.getNodesList()) {
      List<String> links = new ArrayList<>();
      n.getLinksList().forEach(l -> links.add(l.getPeer() + " " + l.getState() + " " + l.getSent() + "/"
          + l.getReceived()));
      html.append("<tr><td>").append(Svg.esc(n.getNodeId())).append("</td><td>").append(Svg.esc(n.getParent()))
          .append("</td><td>").append(TIME.format(Instant.ofEpochMilli(n.getReportedAtMillis()))).append("</td><td>")
          .append(String.format(Locale.ROOT, "%,d", n.getRecords())).append("</td><td>")
          .append(Svg.esc(String.join("; ", links))).append("</td></tr>\n");
    }
    return html.append("</table>\n").toString();
  }

  /** This node, a child per link (records over it), under each the origins whose versions came over it. */
  static Svg.TreeNode tree(Data data) {
    Map<String, Long> perLink = new TreeMap<>();
    for (LinkFlow flow : data.stats().getLinksList()) {
      perLink.merge(flow.getPeer(), flow.getItems(), Long::sum);
    }
    long ingestedHere = 0;
    Map<String, Map<String, Long>> originsByVia = new TreeMap<>();
    for (OriginTotal origin : data.sync().getOriginsList()) {
      for (Map.Entry<String, Long> via : origin.getViaMap().entrySet()) {
        if (via.getKey().isEmpty()) {
          ingestedHere += via.getValue();
        } else if (!via.getKey().equals(origin.getOriginNode())) {
          originsByVia.computeIfAbsent(via.getKey(), k -> new TreeMap<>()).put(origin.getOriginNode(), via.getValue());
        }
      }
    }
    List<Svg.TreeEdge> children = new ArrayList<>();
    for (SyncLink link : data.sync().getLinksList()) {
      List<Svg.TreeEdge> origins = new ArrayList<>();
      originsByVia.getOrDefault(link.getPeerNodeId(), Map.of()).forEach((origin, versions) ->
          origins.add(new Svg.TreeEdge(new Svg.TreeNode(origin, "origin", List.of()), versions)));
      String role = link.getPeerRole().name().replace("LINK_ROLE_", "").toLowerCase(Locale.ROOT);
      children.add(new Svg.TreeEdge(new Svg.TreeNode(link.getPeerNodeId(), role + ", "
          + link.getState().name().replace("LINK_STATE_", "").toLowerCase(Locale.ROOT), origins),
          perLink.getOrDefault(link.getPeerNodeId(), 0L)));
    }
    return new Svg.TreeNode(data.status().getNodeId(), String.format(Locale.ROOT, "%,d ingested here", ingestedHere),
        children);
  }

  private static String days(ExchangeStats stats) {
    Map<String, long[]> byDay = new TreeMap<>();
    for (DayFlow d : stats.getDaysList()) {
      long[] v = byDay.computeIfAbsent(d.getDay(), k -> new long[2]);
      v[d.getDirection().equals("received") ? 0 : 1] += d.getItems();
    }
    List<String> days = new ArrayList<>(byDay.keySet());
    return Svg.days(days, days.stream().map(d -> byDay.get(d)[0]).toList(),
        days.stream().map(d -> byDay.get(d)[1]).toList());
  }
}
