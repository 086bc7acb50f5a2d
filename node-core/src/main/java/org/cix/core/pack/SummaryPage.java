package org.cix.core.pack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cix.core.catalog.Catalog;
import org.cix.core.discipline.Finding;
import org.cix.core.discipline.JointDiscipline;
import org.cix.core.discipline.Measure;
import org.cix.core.discipline.MeasureKind;
import org.cix.core.discipline.Measures;
import org.cix.core.node.NodeIdentity;
import org.cix.core.profile.ProfileEntry;
import org.cix.core.record.RecordFields;
import org.cix.proto.v1.RecordBody;

/**
 * The human summary of a package: each subject's standing on the package's day (punishments and
 * rewards that apply, with their measures; ratings; open objections) and its records. One
 * self-contained HTML page: no scripts, no fonts, no fetches.
 */
final class SummaryPage {
  private SummaryPage() {}

  static String html(List<PackagedRecord> records, PackageWriter.Request request, Catalog catalog, Measures measures,
      NodeIdentity self) {
    Map<String, List<PackagedRecord>> bySubject = new LinkedHashMap<>();
    records.forEach(r -> bySubject.computeIfAbsent(r.entry().stored().version().body().getSubjectId(),
        k -> new ArrayList<>()).add(r));
    StringBuilder html = new StringBuilder(4096 + 512 * records.size());
    html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>信用信息数据包 Credit "
        + "package</title><style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;"
        + "margin:.5em 0 1.5em}td,th{border:1px solid #bbb;padding:.25em .5em;text-align:left;font-size:90%}"
        + "th{background:#eee}.restrict{color:#a00;font-weight:bold}.incentive{color:#070;font-weight:bold}"
        + "h2{border-bottom:1px solid #888}</style></head><body>\n");
    html.append("<h1>信用信息数据包 Credit package</h1>\n<p>")
        .append(esc(request.scope().describe())).append("<br>exported by node ").append(esc(self.nodeId()))
        .append(" for ").append(esc(request.askedBy())).append(", purpose: ").append(esc(request.purpose()))
        .append("<br>").append(records.size()).append(" records of ").append(bySubject.size())
        .append(" subjects; every record carries its origin's seal and proof (verify: <code>cix package verify"
            + "</code>).</p>\n");
    for (Map.Entry<String, List<PackagedRecord>> subject : bySubject.entrySet()) {
      subject(html, subject.getKey(), subject.getValue(), request, catalog, measures);
    }
    return html.append("</body></html>\n").toString();
  }

  private static void subject(StringBuilder html, String subject, List<PackagedRecord> records,
      PackageWriter.Request request, Catalog catalog, Measures measures) {
    List<ProfileEntry> entries = records.stream().map(PackagedRecord::entry).toList();
    String name = entries.stream().map(e -> RecordFields.field(e.stored().version().body().getFieldsList(),
        "subject_name")).flatMap(java.util.Optional::stream).findFirst().orElse("");
    JointDiscipline.Assessment assessment = JointDiscipline.assess(entries, measures.all(), request.scope().asOf());
    List<Finding> applying = assessment.findings().stream().filter(Finding::applies).toList();
    List<String> punishments = measureNames(applying, MeasureKind.PUNISHMENT);
    List<String> rewards = measureNames(applying, MeasureKind.REWARD);
    html.append("<h2>").append(esc(name)).append(" ").append(esc(subject)).append("</h2>\n<p>");
    html.append(punishments.isEmpty() ? "no joint punishment applies"
        : "<span class=\"restrict\">restricted 限制: " + esc(String.join("; ", punishments)) + "</span>");
    html.append("<br>");
    html.append(rewards.isEmpty() ? "no joint reward applies"
        : "<span class=\"incentive\">incentives 激励: " + esc(String.join("; ", rewards)) + "</span>");
    html.append("<br>standing as of ").append(request.scope().asOf()).append("</p>\n");
    List<RecordBody> ratings = entries.stream().map(e -> e.stored().version().body())
        .filter(b -> b.getType().equals("credit-rating")).toList();
    for (RecordBody rating : ratings) {
      html.append("<p>rating 信用评价: ").append(esc(field(rating, "rating_system"))).append(" ")
          .append(esc(field(rating, "grade"))).append(" (").append(esc(field(rating, "rating_date"))).append(")</p>\n");
    }
    List<RecordBody> objected = entries.stream().map(e -> e.stored().version().body())
        .filter(b -> !b.getObjection().isEmpty()).toList();
    for (RecordBody body : objected) {
      html.append("<p>under objection 异议处理中: ").append(esc(label(catalog, body))).append(" ")
          .append(esc(body.getRecordId())).append(" (").append(esc(body.getObjection())).append(")</p>\n");
    }
    html.append("<table><tr><th>记录 record</th><th>类型 type</th><th>状态 status</th><th>公示 publicity</th>"
        + "<th>来源 origin</th><th>说明 note</th></tr>\n");
    for (PackagedRecord record : records) {
      RecordBody body = record.entry().stored().version().body();
      html.append("<tr><td>").append(esc(body.getRecordId())).append(" v").append(body.getVersion())
          .append("</td><td>").append(esc(label(catalog, body))).append("</td><td>").append(PackageJson.status(body))
          .append(RecordFields.publicOn(body, request.scope().asOf()) ? ", public" : ", not public")
          .append("</td><td>").append(esc(body.getPublicityFrom())).append(" .. ")
          .append(esc(body.getPublicityUntil().isEmpty() ? "(open)" : body.getPublicityUntil())).append("</td><td>")
          .append(esc(body.getOriginNode())).append("</td><td>").append(record.masked() ? "personal data masked" : "")
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static List<String> measureNames(List<Finding> findings, MeasureKind kind) {
    return findings.stream().flatMap(f -> f.measures().stream()).filter(m -> m.kind() == kind)
        .map(Measure::name).distinct().collect(Collectors.toList());
  }

  private static String label(Catalog catalog, RecordBody body) {
    return catalog.type(body.getType()).map(t -> t.label() + " " + t.labelEn()).orElse(body.getType());
  }

  private static String field(RecordBody body, String key) {
    return RecordFields.field(body.getFieldsList(), key).orElse("");
  }

  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
