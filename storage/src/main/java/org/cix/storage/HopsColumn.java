package org.cix.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code hops} column of {@code record_version}: the nodes a received version passed, origin
 * first, each with when it was stored there when known ({@code bj-chaoyang@1764230400123,bj@...});
 * rows written before the times were kept hold the names alone.
 */
final class HopsColumn {
  private HopsColumn() {}

  /** The nodes and times decoded; times empty unless every hop has one. */
  record Hops(List<String> nodes, List<Long> times) {}

  static String encode(List<String> nodes, List<Long> times) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(nodes.get(i));
      if (times.size() == nodes.size()) {
        text.append('@').append(times.get(i));
      }
    }
    return text.toString();
  }

  static Hops decode(String column) {
    if (column == null || column.isEmpty()) {
      return new Hops(List.of(), List.of());
    }
    List<String> nodes = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (String hop : column.split(",")) {
      int at = hop.indexOf('@');
      nodes.add(at < 0 ? hop : hop.substring(0, at));
      if (at >= 0) {
        times.add(Long.parseLong(hop.substring(at + 1)));
      }
    }
    return new Hops(nodes, times.size() == nodes.size() ? times : List.of());
  }
}
