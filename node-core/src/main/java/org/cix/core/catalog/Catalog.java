package org.cix.core.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The record types a node understands, and the version (content hash) that names this set. */
public final class Catalog {
  private final String name;
  private final String version;
  private final Map<String, RecordType> types;

  Catalog(String name, String version, Map<String, RecordType> types) {
    this.name = name;
    this.version = version;
    this.types = new LinkedHashMap<>(types);
  }

  public String name() {
    return name;
  }

  /** Hex SHA-256 of the catalog's files: two nodes with the same version read records alike. */
  public String version() {
    return version;
  }

  public Optional<RecordType> type(String id) {
    return Optional.ofNullable(types.get(id));
  }

  public Collection<RecordType> types() {
    return types.values();
  }
}
