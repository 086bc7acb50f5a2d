package org.cix.core.synthetic;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cix.core.catalog.FieldDef;
import org.cix.core.catalog.RecordType;

/**
 * A few records of any catalog type written by hand (the demo's red-list entry and old penalty,
 * test fixtures): JSON Lines keyed by the catalog's own field keys, and the mapping that reads
 * them unchanged.
 */
public final class KeyedRecords {
  private KeyedRecords() {}

  /** A mapping taking every field of {@code type} from the JSON key of the same name. */
  public static String mapping(RecordType type) {
    StringBuilder yaml = new StringBuilder("type: " + type.id() + "\nformat: jsonl\nencoding: UTF-8\ncolumns:\n");
    for (FieldDef field : type.fields()) {
      yaml.append("  ").append(field.key()).append(": ").append(field.key()).append('\n');
    }
    return yaml.toString();
  }

  /** One JSON object per row, one row per line. */
  public static byte[] jsonLines(List<Map<String, String>> rows) {
    StringBuilder lines = new StringBuilder();
    for (Map<String, String> row : rows) {
      JsonObject object = new JsonObject();
      row.forEach(object::addProperty);
      lines.append(object).append('\n');
    }
    return lines.toString().getBytes(StandardCharsets.UTF_8);
  }
}
