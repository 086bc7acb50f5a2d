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
import org.cix.proto.v1.StatsRequest;

/**
 * The exchange as it moves (role auditor): flows per link with refusals and time from seal to
 * arrival, items per day sent and received drawn as bars (SVG made here), per type, and the
 * restrictions in force. The page's script fetches the live part again every few seconds.
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

  Answer show(Session me, boolean liveOnly) {
    ExchangeStats stats = staff.call(me.token(), s -> s.stats(StatsRequest.newBuilder()
        .setSinceMillis(clock.instant().minus(SHOWN).toEpochMilli()).build()));
    return new Answer.Page(liveOnly ? "exchange-live" : "exchange", Map.of("stats", stats, "days",
        days(stats.getDaysList()), "width", WIDTH, "height", HEIGHT));
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
