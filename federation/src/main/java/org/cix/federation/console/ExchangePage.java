package org.cix.federation.console;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cix.federation.console.ConsoleSessions.Session;
import org.cix.federation.department.StaffCalls;
import org.cix.proto.v1.DayFlow;
import org.cix.proto.v1.ExchangeStats;
import org.cix.proto.v1.FederationRequest;
import org.cix.proto.v1.FederationView;
import org.cix.proto.v1.MonthlyVersions;
import org.cix.proto.v1.NodeReportInfo;
import org.cix.proto.v1.StatsRequest;

/**
 * The exchange as it moves (role auditor): the federation tree with each link's state, backlog and
 * last bundle as the nodes report them, flows per link with refusals and time from seal to
 * arrival, items per day sent and received drawn as bars (SVG made here), per type, and the
 * restrictions in force, and the versions per source department and month (the evolution of each
 * department's data). The page's script fetches the live part again every few seconds.
 */
final class ExchangePage {
  static final Duration SHOWN = Duration.ofDays(30);
  private static final int WIDTH = 720;
  private static final int HEIGHT = 160;

  /** One day's bar pair: its label and the bars' heights and places in the drawing (public: templates read it). */
  public record Day(String day, long sent, long received, int x, int sentHeight, int receivedHeight) {}

  private final StaffCalls staff;
  private final Clock clock;

  ExchangePage(StaffCalls staff, Clock clock) {
    this.staff = staff;
    this.clock = clock;
  }

  /** One department's versions per month, aligned with the page's months, and their bars' heights. */
  public record DepartmentRow(String department, String name, List<Long> versions, List<Integer> heights) {}

  /** The months shown (yyyy-MM, oldest first) and a row per department. */
  public record Evolution(List<String> months, List<DepartmentRow> rows) {}

  static final int BAR = 36;
  /** The deepest indent drawn (the style sheet's depth-0..depth-4); a country has three levels. */
  static final int DEEPEST = 4;

  /** A node of the tree, {@code depth} levels below the top this node knows, at most {@link #DEEPEST} (public: templates read it). */
  public record TreeNode(NodeReportInfo report, int depth) {}

  Answer show(Session me, boolean liveOnly) {
    ExchangeStats stats = staff.call(me.token(), s -> s.stats(StatsRequest.newBuilder()
        .setSinceMillis(clock.instant().minus(SHOWN).toEpochMilli()).build()));
    FederationView view = staff.call(me.token(), s -> s.federation(FederationRequest.getDefaultInstance()));
    return new Answer.Page(liveOnly ? "exchange-live" : "exchange", Map.of("stats", stats, "days",
        days(stats.getDaysList()), "width", WIDTH, "height", HEIGHT, "tree", tree(view.getNodesList()),
        "now", clock.millis(), "evolution", evolution(stats.getMonthlyList())));
  }

  /** Versions per department and month as rows over the months present, bars scaled to the largest count. */
  static Evolution evolution(List<MonthlyVersions> monthly) {
    List<String> months = monthly.stream().map(MonthlyVersions::getMonth).distinct().sorted().toList();
    Map<String, String> names = new TreeMap<>();
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (MonthlyVersions m : monthly) {
      names.merge(m.getDepartment(), m.getDepartmentName(), (a, b) -> a.isEmpty() ? b : a);
      counts.computeIfAbsent(m.getDepartment(), d -> new TreeMap<>()).merge(m.getMonth(), m.getVersions(), Long::sum);
    }
    long most = monthly.stream().mapToLong(MonthlyVersions::getVersions).max().orElse(1);
    List<DepartmentRow> rows = new ArrayList<>();
    counts.forEach((department, byMonth) -> {
      List<Long> versions = months.stream().map(m -> byMonth.getOrDefault(m, 0L)).toList();
      rows.add(new DepartmentRow(department, names.get(department), versions,
          versions.stream().map(v -> v == 0 ? 0 : (int) Math.max(1, v * BAR / most)).toList()));
    });
    return new Evolution(months, rows);
  }

  /** The nodes depth first from those whose parent the view does not hold, children by id. */
  static List<TreeNode> tree(List<NodeReportInfo> nodes) {
    Map<String, List<NodeReportInfo>> children = new TreeMap<>();
    java.util.Set<String> held = new java.util.HashSet<>();
    nodes.forEach(n -> held.add(n.getNodeId()));
    List<NodeReportInfo> tops = new ArrayList<>();
    for (NodeReportInfo n : nodes) {
      if (held.contains(n.getParent())) {
        children.computeIfAbsent(n.getParent(), p -> new ArrayList<>()).add(n);
      } else {
        tops.add(n);
      }
    }
    List<TreeNode> tree = new ArrayList<>();
    tops.stream().sorted(java.util.Comparator.comparing(NodeReportInfo::getNodeId))
        .forEach(top -> walk(top, 0, children, tree));
    return tree;
  }

  private static void walk(NodeReportInfo node, int depth, Map<String, List<NodeReportInfo>> children,
      List<TreeNode> tree) {
    tree.add(new TreeNode(node, Math.min(depth, DEEPEST)));
    children.getOrDefault(node.getNodeId(), List.of()).stream()
        .sorted(java.util.Comparator.comparing(NodeReportInfo::getNodeId))
        .forEach(child -> walk(child, depth + 1, children, tree));
  }

  /** The days' bars, scaled so the busiest day fills the height. */
  static List<Day> days(List<DayFlow> flows) {
    Map<String, long[]> byDay = new TreeMap<>();
    flows.forEach(f -> byDay.computeIfAbsent(f.getDay(), d -> new long[2])[f.getDirection().equals("sent") ? 0 : 1]
        += f.getItems());
    long most = byDay.values().stream().mapToLong(v -> Math.max(v[0], v[1])).max().orElse(1);
    int slot = byDay.isEmpty() ? WIDTH : WIDTH / byDay.size();
    List<Day> days = new ArrayList<>();
    int x = 0;
    for (var day : byDay.entrySet()) {
      long[] v = day.getValue();
      days.add(new Day(day.getKey(), v[0], v[1], x, scaled(v[0], most), scaled(v[1], most)));
      x += slot;
    }
    return days;
  }

  private static int scaled(long value, long most) {
    return most == 0 ? 0 : (int) Math.max(value > 0 ? 1 : 0, value * (HEIGHT - 20) / most);
  }
}
