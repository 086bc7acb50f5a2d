package org.cix.core.discipline;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The measures a node applies, and the version (content hash) that names this set. */
public final class Measures {
  private final String name;
  private final String version;
  private final List<Measure> measures;

  Measures(String name, String version, List<Measure> measures) {
    this.name = name;
    this.version = version;
    this.measures = List.copyOf(measures);
  }

  public String name() {
    return name;
  }

  /** Hex SHA-256 of the measures' files. */
  public String version() {
    return version;
  }

  public List<Measure> all() {
    return measures;
  }

  /** The measures that govern {@code action}, in file order. */
  public List<Measure> governing(String action) {
    return measures.stream().filter(m -> m.governs(action)).toList();
  }

  /** Every action code some measure governs, sorted. */
  public Set<String> actions() {
    Set<String> actions = new TreeSet<>();
    measures.forEach(m -> actions.addAll(m.actions()));
    return actions;
  }
}
