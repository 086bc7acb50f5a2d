package org.cix.core.discipline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The measures a node applies, and the version (content hash) that names this set. */
public final class Measures {
  private final String name;
  private final String version;
  private final List<Measure> measures;
  private final Map<String, byte[]> files;

  Measures(String name, String version, List<Measure> measures, Map<String, byte[]> files) {
    this.name = name;
    this.version = version;
    this.measures = List.copyOf(measures);
    this.files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** The files the set was read from, manifest first, as read: what a parent hands its children. */
  public Map<String, byte[]> files() {
    return files;
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
