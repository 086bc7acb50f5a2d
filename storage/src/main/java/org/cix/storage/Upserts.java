package org.cix.storage;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** "Insert, or update when the key exists" in each engine's words. */
final class Upserts {
  private Upserts() {}

  /**
   * An upsert of {@code columns} into {@code table} keyed by the first column: an existing row
   * gets the other columns' new values; with {@code immutable} (rows that never change once
   * written, such as seals) it may instead be left as it is.
   */
  static String sql(Database.Engine engine, String table, List<String> columns, boolean immutable) {
    String key = columns.get(0);
    String names = String.join(", ", columns);
    String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
    return switch (engine) {
      case H2 -> "MERGE INTO " + table + " (" + names + ") KEY (" + key + ") VALUES (" + marks + ")";
      case POSTGRES -> "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ") ON CONFLICT (" + key + ") "
          + (immutable ? "DO NOTHING" : "DO UPDATE SET " + columns.stream().skip(1)
              .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", ")));
    };
  }
}
