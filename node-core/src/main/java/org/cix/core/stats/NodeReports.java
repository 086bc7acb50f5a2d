package org.cix.core.stats;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.RecordType;
import org.cix.core.ingest.RecordMaker;
import org.cix.core.record.ChinaDate;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.Sealer;
import org.cix.core.store.RecordStore;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.sync.LatestVersions;

/**
 * Nodes report themselves up the tree as small sealed records ({@value #TYPE}): what they hold
 * and each link's state, last contact and volumes. A node publishes its own report now and then;
 * every node above it holds the reports of its subtree, so the national node sees the whole
 * federation without connecting to anyone.
 */
public final class NodeReports {
  public static final String TYPE = "node-report";

  /** One link as its node reports it. */
  public record LinkReport(String peer, String role, String state, long sent, long received, long backlog,
      long lastBundleMillis) {}

  /**
   * One node's report; {@code originated}: the versions of each record type the node had made
   * itself (held with it as origin) when it reported; {@code certificatesUntil}: when the first of
   * its TLS and sealing certificates expires (0: not reported).
   */
  public record NodeReport(String nodeId, String jurisdiction, String parent, long reportedAtMillis,
      String softwareVersion, long records, long versions, long quarantined, List<LinkReport> links,
      Map<String, Long> originated, long certificatesUntil) {
    public NodeReport {
      links = List.copyOf(links);
      originated = Map.copyOf(originated);
    }
  }

  private final Optional<RecordType> type;
  private final RecordStore records;
  private final ExchangeStore log;
  private final RecordMaker maker;
  private final Sealer sealer;
  private final Clock clock;

  public NodeReports(Catalog catalog, RecordStore records, ExchangeStore log, RecordMaker maker, Sealer sealer,
      Clock clock) {
    this.type = catalog.type(TYPE);
    this.records = records;
    this.log = log;
    this.maker = maker;
    this.sealer = sealer;
    this.clock = clock;
  }

  /** Seals and stores {@code report} as the next version of this node's report; false without the type. */
  public synchronized boolean publish(NodeReport report) {
    if (type.isEmpty()) {
      return false;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("node_id", report.nodeId());
    fields.put("jurisdiction", report.jurisdiction());
    fields.put("parent", report.parent());
    fields.put("report_date", ChinaDate.today(clock).toString());
    fields.put("reported_at", Long.toString(report.reportedAtMillis()));
    fields.put("software_version", report.softwareVersion());
    fields.put("records", Long.toString(report.records()));
    fields.put("versions", Long.toString(report.versions()));
    fields.put("quarantined", Long.toString(report.quarantined()));
    List<String> links = new ArrayList<>();
    for (LinkReport l : report.links()) {
      links.add(String.join("|", l.peer(), l.role(), l.state(), Long.toString(l.sent()), Long.toString(l.received()),
          Long.toString(l.backlog()), Long.toString(l.lastBundleMillis())));
    }
    fields.put("links", String.join(";", links));
    List<String> originated = new ArrayList<>();
    new TreeMap<>(report.originated()).forEach((t, n) -> originated.add(t + "=" + n));
    fields.put("originated", String.join(";", originated));
    if (report.certificatesUntil() > 0) {
      fields.put("certificates_until", Long.toString(report.certificatesUntil()));
    }
    RecordVersion version = maker.own(type.get(), fields, records, clock.millis());
    records.append(sealer.seal(List.of(version)), clock.millis());
    return true;
  }

  /** The latest report of every node this node holds one of (its own and its subtree's), by node id. */
  public List<NodeReport> held() {
    Map<String, RecordVersion> latest = new TreeMap<>();
    if (type.isPresent()) {
      LatestVersions.of(log, List.of(TYPE)).values().forEach(stored -> latest.put(
          stored.version().fields().getOrDefault("node_id", ""), stored.version()));
    }
    List<NodeReport> reports = new ArrayList<>();
    for (RecordVersion version : latest.values()) {
      Map<String, String> f = version.fields();
      List<LinkReport> links = new ArrayList<>();
      for (String link : f.getOrDefault("links", "").split(";")) {
        String[] p = link.split("\\|");
        if (p.length == 7) {
          links.add(new LinkReport(p[0], p[1], p[2], Long.parseLong(p[3]), Long.parseLong(p[4]), Long.parseLong(p[5]),
              Long.parseLong(p[6])));
        }
      }
      reports.add(new NodeReport(f.get("node_id"), f.getOrDefault("jurisdiction", ""), f.getOrDefault("parent", ""),
          Long.parseLong(f.get("reported_at")), f.getOrDefault("software_version", ""),
          Long.parseLong(f.get("records")), Long.parseLong(f.get("versions")), Long.parseLong(f.get("quarantined")),
          links, originated(f.getOrDefault("originated", "")), Long.parseLong(f.getOrDefault("certificates_until",
          "0"))));
    }
    return reports;
  }

  private static Map<String, Long> originated(String field) {
    Map<String, Long> counts = new TreeMap<>();
    for (String entry : field.split(";")) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        counts.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)));
      }
    }
    return counts;
  }
}
