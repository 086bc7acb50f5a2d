package org.cix.cli.demo;

import java.util.List;
import java.util.Optional;

/** One node of the demo federation. */
record DemoNode(String id, String jurisdiction, Optional<String> parent) {

  /** National root, two cities, two districts under each (real GB/T 2260 codes). */
  static List<DemoNode> standardTree() {
    return List.of(
        new DemoNode("cn", "", Optional.empty()),
        new DemoNode("bj", "1101", Optional.of("cn")),
        new DemoNode("sh", "3101", Optional.of("cn")),
        new DemoNode("bj-dongcheng", "110101", Optional.of("bj")),
        new DemoNode("bj-chaoyang", "110105", Optional.of("bj")),
        new DemoNode("sh-huangpu", "310101", Optional.of("sh")),
        new DemoNode("sh-pudong", "310115", Optional.of("sh")));
  }

  int depth() {
    return jurisdiction.isEmpty() ? 0 : jurisdiction.length() / 2 - 1;
  }
}
