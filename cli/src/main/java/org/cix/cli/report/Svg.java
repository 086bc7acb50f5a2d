package org.cix.cli.report;

import java.util.List;
import java.util.Locale;

/** The SVG pictures of the report, drawn as text: horizontal bars, day columns, a tree of flows. */
final class Svg {
  static final String[] COLOURS = {"#3b6ea5", "#c0504d", "#9bbb59", "#8064a2", "#4bacc6", "#f79646"};

  private Svg() {}

  /** One bar of a chart: its label, its value and what the value says in words. */
  record Bar(String label, double value, String text) {}

  /** Horizontal bars, longest first as given, labels left of the bars. */
  static String bars(List<Bar> bars, String colour) {
    if (bars.isEmpty()) {
      return "<p class=\"none\">none</p>";
    }
    int labelWidth = 330;
    int barWidth = 420;
    int rowHeight = 24;
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
    StringBuilder svg = new StringBuilder();
    svg.append(open(labelWidth + barWidth + 260, rowHeight * bars.size() + 10));
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      int y = 5 + i * rowHeight;
      double width = max == 0 ? 0 : Math.max(1, bar.value() / max * barWidth);
      svg.append(text(labelWidth - 8, y + 16, "end", bar.label()))
          .append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
              labelWidth, y + 3, width, rowHeight - 8, colour))
          .append(text((int) (labelWidth + width + 6), y + 16, "start", bar.text()));
    }
    return svg.append("</svg>").toString();
  }

  /** One column per day, two series side by side (received, sent), days as labels. */
  static String days(List<String> days, List<Long> received, List<Long> sent) {
    if (days.isEmpty()) {
      return "<p class=\"none\">none</p>";
    }
    int columnWidth = Math.max(24, Math.min(60, 700 / days.size()));
    int height = 200;
    long max = Math.max(1, Math.max(received.stream().mapToLong(Long::longValue).max().orElse(0),
        sent.stream().mapToLong(Long::longValue).max().orElse(0)));
    StringBuilder svg = new StringBuilder(open(60 + columnWidth * days.size() + 160, height + 60));
    svg.append(String.format(Locale.ROOT, "<line x1=\"55\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
        height + 10, 60 + columnWidth * days.size(), height + 10));
    svg.append(text(50, 20, "end", String.format(Locale.ROOT, "%,d", max)));
    for (int i = 0; i < days.size(); i++) {
      int x = 60 + i * columnWidth;
      double r = received.get(i) / (double) max * height;
      double s = sent.get(i) / (double) max * height;
      int half = (columnWidth - 6) / 2;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
          + "<title>%s received %,d</title></rect>", x, height + 10 - r, half, r, COLOURS[0], esc(days.get(i)),
          received.get(i)));
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
          + "<title>%s sent %,d</title></rect>", x + half, height + 10 - s, half, s, COLOURS[1], esc(days.get(i)),
          sent.get(i)));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" transform=\"rotate(45 %d %d)\">"
          + "%s</text>", x, height + 24, x, height + 24, esc(days.get(i).substring(5))));
    }
    int legend = 60 + columnWidth * days.size() + 20;
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"20\" width=\"12\" height=\"12\" fill=\"%s\"/>",
        legend, COLOURS[0])).append(text(legend + 18, 31, "start", "收到 received"));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"40\" width=\"12\" height=\"12\" fill=\"%s\"/>",
        legend, COLOURS[1])).append(text(legend + 18, 51, "start", "发出 sent"));
    return svg.append("</svg>").toString();
  }

  /** A node of the flow tree: its name, a second line, and its children with the records on each edge. */
  record TreeNode(String name, String detail, List<TreeEdge> children) {}

  record TreeEdge(TreeNode child, long records) {}

  /** The tree left to right: each edge's width grows with the records that flowed over it. */
  static String tree(TreeNode root) {
    int leaves = Math.max(1, leaves(root));
    int depth = depth(root);
    int rowHeight = 56;
    int columnWidth = 240;
    long max = Math.max(1, maxRecords(root));
    StringBuilder edges = new StringBuilder();
    StringBuilder nodes = new StringBuilder();
    place(root, 0, 0, leaves * rowHeight, rowHeight, columnWidth, max, edges, nodes);
    return open(columnWidth * depth + 60, leaves * rowHeight + 10) + edges + nodes + "</svg>";
  }

  /** Draws {@code node} in the band [top, bottom) of column {@code column}; returns its centre y. */
  private static int place(TreeNode node, int column, int top, int bottom, int rowHeight, int columnWidth, long max,
      StringBuilder edges, StringBuilder nodes) {
    int y = (top + bottom) / 2;
    int x = 10 + column * columnWidth;
    int childTop = top;
    for (TreeEdge edge : node.children()) {
      int band = Math.max(1, leaves(edge.child())) * rowHeight;
      int childY = place(edge.child(), column + 1, childTop, childTop + band, rowHeight, columnWidth, max, edges,
          nodes);
      double width = 1.5 + 14.0 * edge.records() / max;
      edges.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
          + "stroke-width=\"%.1f\" stroke-opacity=\"0.6\"><title>%,d records</title></line>", x + 150, y,
          x + columnWidth, childY, COLOURS[0], width, edge.records()));
      edges.append(text((x + 150 + x + columnWidth) / 2, (y + childY) / 2 - 4, "middle",
          String.format(Locale.ROOT, "%,d", edge.records())));
      childTop += band;
    }
    nodes.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"150\" height=\"40\" rx=\"6\" "
        + "fill=\"#f4f4f4\" stroke=\"#666\"/>", x, y - 20));
    nodes.append(text(x + 75, y - 4, "middle", node.name()));
    nodes.append("<text x=\"" + (x + 75) + "\" y=\"" + (y + 12) + "\" text-anchor=\"middle\" font-size=\"10\" "
        + "fill=\"#555\">" + esc(node.detail()) + "</text>");
    return y;
  }

  private static int leaves(TreeNode node) {
    return node.children().isEmpty() ? 1 : node.children().stream().mapToInt(e -> leaves(e.child())).sum();
  }

  private static int depth(TreeNode node) {
    return 1 + node.children().stream().mapToInt(e -> depth(e.child())).max().orElse(0);
  }

  private static long maxRecords(TreeNode node) {
    return node.children().stream().mapToLong(e -> Math.max(e.records(), maxRecords(e.child()))).max().orElse(0);
  }

  private static String open(int width, int height) {
    return "<svg width=\"" + width + "\" height=\"" + height
        + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"sans-serif\" font-size=\"12\">";
  }

  private static String text(int x, int y, String anchor, String text) {
    return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\">" + esc(text) + "</text>";
  }

  static String esc(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
