package org.cix.core.pack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.util.Locale;
import java.util.Optional;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.RecordBody;

/**
 * A packaged record's standard JSON form (one line of records.jsonl), written from the record's
 * body and checked against the sealed body when a package is verified.
 */
final class PackageJson {
  private PackageJson() {}

  static void write(RecordBody body, boolean masked, boolean publicOnAsOf, JsonWriter json) throws IOException {
    json.beginObject();
    json.name("record_id").value(body.getRecordId());
    json.name("version").value(body.getVersion());
    json.name("type").value(body.getType());
    json.name("subject_id").value(body.getSubjectId());
    json.name("status").value(status(body));
    json.name("public").value(publicOnAsOf);
    json.name("publicity_from").value(body.getPublicityFrom());
    json.name("publicity_until").value(body.getPublicityUntil());
    json.name("origin_node").value(body.getOriginNode());
    json.name("origin_jurisdiction").value(body.getOriginJurisdiction());
    json.name("source_department").value(body.getSourceDepartment());
    json.name("objection").value(body.getObjection());
    json.name("masked").value(masked);
    json.name("fields").beginObject();
    for (Field field : body.getFieldsList()) {
      json.name(field.getKey()).value(field.getValue());
    }
    json.endObject();
    json.endObject();
  }

  static String status(RecordBody body) {
    return body.getStatus().name().replace("RECORD_STATUS_", "").toLowerCase(Locale.ROOT);
  }

  /**
   * Reads one line of records.jsonl as a stream (no tree: verification reads every line) and says
   * where it differs from what it must say: the record id of its place, masked when there are no
   * sealed bytes ({@code sealed} null), else every value the sealed body gives, in its order.
   *
   * @return the first key that differs ("record_id", "masked", "fields.subject_name", ...); empty
   *     when the line says what it must
   */
  static Optional<String> differs(String line, String recordId, RecordBody sealed) {
    try (JsonReader json = new JsonReader(new StringReader(line))) {
      int plain = 0;
      boolean version = false;
      boolean fields = false;
      boolean masked = false;
      boolean id = false;
      json.beginObject();
      while (json.hasNext()) {
        String name = json.nextName();
        switch (name) {
          case "record_id" -> {
            if (!string(json).equals(recordId)) {
              return Optional.of("record_id");
            }
            id = true;
          }
          case "masked" -> {
            masked = json.peek() == JsonToken.BOOLEAN && json.nextBoolean();
            if (masked != (sealed == null)) {
              return Optional.of("masked");
            }
          }
          case "version" -> {
            if (sealed != null && (json.peek() != JsonToken.NUMBER || json.nextLong() != sealed.getVersion())) {
              return Optional.of("version");
            }
            if (sealed == null) {
              json.skipValue();
            }
            version = true;
          }
          case "fields" -> {
            if (sealed == null) {
              json.skipValue();
            } else {
              Optional<String> field = fields(json, sealed);
              if (field.isPresent()) {
                return field;
              }
            }
            fields = true;
          }
          default -> {
            String expected = sealed == null ? null : plain(name, sealed);
            if (expected == null) {
              json.skipValue();
            } else if (!string(json).equals(expected)) {
              return Optional.of(name);
            } else {
              plain++;
            }
          }
        }
      }
      json.endObject();
      if (!id) {
        return Optional.of("record_id");
      }
      if (sealed == null) {
        return masked ? Optional.empty() : Optional.of("masked");
      }
      return plain == PLAIN_KEYS && version && fields ? Optional.empty() : Optional.of("a missing key");
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      return Optional.of("its JSON (" + e.getMessage() + ")");
    }
  }

  private static final int PLAIN_KEYS = 9;

  /** The value the sealed body gives for one of the plain keys; null for any other key. */
  private static String plain(String key, RecordBody body) {
    return switch (key) {
      case "type" -> body.getType();
      case "subject_id" -> body.getSubjectId();
      case "status" -> status(body);
      case "publicity_from" -> body.getPublicityFrom();
      case "publicity_until" -> body.getPublicityUntil();
      case "origin_node" -> body.getOriginNode();
      case "origin_jurisdiction" -> body.getOriginJurisdiction();
      case "source_department" -> body.getSourceDepartment();
      case "objection" -> body.getObjection();
      default -> null;
    };
  }

  private static Optional<String> fields(JsonReader json, RecordBody body) throws IOException {
    json.beginObject();
    int i = 0;
    while (json.hasNext()) {
      String key = json.nextName();
      if (i >= body.getFieldsCount() || !body.getFields(i).getKey().equals(key)
          || !string(json).equals(body.getFields(i).getValue())) {
        return Optional.of("fields." + key);
      }
      i++;
    }
    json.endObject();
    return i == body.getFieldsCount() ? Optional.empty() : Optional.of("fields");
  }

  private static String string(JsonReader json) throws IOException {
    if (json.peek() == JsonToken.STRING) {
      return json.nextString();
    }
    json.skipValue();
    return "\u0000not a string";
  }

  static String text(JsonObject object, String key) {
    JsonElement value = object.get(key);
    return value == null || value.isJsonNull() || !value.isJsonPrimitive() ? "" : value.getAsString();
  }
}
