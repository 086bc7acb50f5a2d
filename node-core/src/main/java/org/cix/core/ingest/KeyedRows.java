package org.cix.core.ingest;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cix.core.catalog.FieldDef;
import org.cix.core.catalog.RecordType;

/**
 * Rows given field by field under the catalog's own keys (records the node makes itself, such as
 * measure feedback; hand-written examples): as JSON Lines, with the mapping that reads them
 * unchanged.
 */
public final class KeyedRows {
  private KeyedRows() {}

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
      lines.append(json(row)).append('\n');
    }
    return lines.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One row as a JSON object of field key to value. */
  public static String json(Map<String, String> row) {
    JsonObject object = new JsonObject();
    row.forEach(object::addProperty);
    return object.toString();
  }

  /** The row {@link #json} wrote, in its order. */
  public static Map<String, String> parse(String json) {
    Map<String, String> row = new java.util.LinkedHashMap<>();
    JsonParser.parseString(json).getAsJsonObject().entrySet()
        .forEach(f -> row.put(f.getKey(), f.getValue().getAsString()));
    return row;
  }
}
