package org.cix.core.ingest;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.FieldDef;
import org.cix.core.catalog.RecordType;
import org.cix.core.error.CixException;
import org.cix.core.yaml.YamlFiles;
import org.cix.core.yaml.YamlSection;

/** Reads a mapping file and checks it against the catalog, reporting every error at once. */
public final class MappingLoader {
  public static final List<String> DEFAULT_DATE_FORMATS =
      List.of("yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd", "yyyy.M.d", "yyyy年M月d日");

  private MappingLoader() {}

  public static Mapping load(Path file, Catalog catalog) {
    try {
      return parse(YamlFiles.readMapping(file), file.toString(), catalog, Optional.empty());
    } catch (YamlFiles.Unreadable e) {
      throw CixException.invalidInput(file + ": " + e.getMessage());
    }
  }

  public static Mapping parse(String yaml, String name, Catalog catalog) {
    return parse(yaml, name, catalog, Optional.empty());
  }

  /**
   * @param type the record type named on the command line: stands in for a mapping without
   *     one, and must agree with a mapping that has one
   */
  public static Mapping parse(String yaml, String name, Catalog catalog, Optional<String> type) {
    try {
      return parse(YamlFiles.parseMapping(yaml), name, catalog, type);
    } catch (YamlFiles.Unreadable e) {
      throw CixException.invalidInput(name + ": " + e.getMessage());
    }
  }

  private static Mapping parse(Map<?, ?> document, String name, Catalog catalog, Optional<String> override) {
    List<String> errors = new ArrayList<>();
    YamlSection root = new YamlSection("", document, errors);
    String typeId = override.isPresent() && !root.has("type") ? override.get() : root.requiredString("type");
    if (override.isPresent() && !typeId.isEmpty() && !typeId.equals(override.get())) {
      root.error("type", "the mapping is for " + typeId + ", not for " + override.get());
    }
    Optional<RecordType> type = catalog.type(typeId);
    if (type.isEmpty() && !typeId.isEmpty()) {
      root.error("type", "'" + typeId + "' is not a type of catalog " + catalog.version().substring(0, 12));
    }
    Mapping.SourceFormat format = Mapping.SourceFormat.CSV;
    String formatWord = root.string("format").orElse("csv");
    try {
      format = Mapping.SourceFormat.valueOf(formatWord.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      root.error("format", "'" + formatWord + "' is not csv or jsonl");
    }
    Charset encoding = java.nio.charset.StandardCharsets.UTF_8;
    String encodingWord = root.string("encoding").orElse("UTF-8");
    try {
      encoding = Charset.forName(encodingWord);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      root.error("encoding", "'" + encodingWord + "' is not a known encoding (UTF-8, GBK, GB18030)");
    }
    Map<String, String> columns = strings(root.section("columns"));
    Map<String, String> constants = strings(root.section("constants"));
    Map<String, Map<String, String>> values = new LinkedHashMap<>();
    root.section("values").ifPresent(section -> {
      for (Object key : sectionKeys(section)) {
        values.put(String.valueOf(key), strings(section.section(String.valueOf(key))));
      }
      section.rejectUnknownKeys();
    });
    List<String> dateFormats = root.stringList("date-formats");
    if (dateFormats.isEmpty()) {
      dateFormats = DEFAULT_DATE_FORMATS;
    }
    for (String pattern : dateFormats) {
      try {
        DateTimeFormatter.ofPattern(pattern);
      } catch (IllegalArgumentException e) {
        root.error("date-formats", "'" + pattern + "' is not a date pattern: " + e.getMessage());
      }
    }
    root.rejectUnknownKeys();
    type.ifPresent(t -> check(t, columns, constants, values, errors));
    if (!errors.isEmpty()) {
      throw CixException.invalidInput(name + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors")
          + " in the mapping\n  " + String.join("\n  ", errors));
    }
    return new Mapping(typeId, format, encoding, columns, constants, values, dateFormats);
  }

  private static void check(RecordType type, Map<String, String> columns, Map<String, String> constants,
      Map<String, Map<String, String>> values, List<String> errors) {
    for (String field : columns.keySet()) {
      if (type.field(field).isEmpty()) {
        errors.add("columns." + field + ": '" + field + "' is not a field of " + type.id());
      }
      if (constants.containsKey(field)) {
        errors.add("constants." + field + ": already mapped from column '" + columns.get(field) + "'");
      }
    }
    for (String field : constants.keySet()) {
      if (type.field(field).isEmpty()) {
        errors.add("constants." + field + ": '" + field + "' is not a field of " + type.id());
      }
    }
    for (String field : values.keySet()) {
      if (type.field(field).isEmpty()) {
        errors.add("values." + field + ": '" + field + "' is not a field of " + type.id());
      }
    }
    for (FieldDef field : type.fields()) {
      if (field.required() && !columns.containsKey(field.key()) && !constants.containsKey(field.key())) {
        errors.add("columns: required field " + field.key() + " (" + field.label() + ") has no column or constant");
      }
    }
  }

  private static Map<String, String> strings(Optional<YamlSection> section) {
    Map<String, String> result = new LinkedHashMap<>();
    section.ifPresent(s -> {
      for (Object key : sectionKeys(s)) {
        s.string(String.valueOf(key)).ifPresent(v -> result.put(String.valueOf(key), v));
      }
      s.rejectUnknownKeys();
    });
    return result;
  }

  private static Iterable<?> sectionKeys(YamlSection section) {
    return section.keys();
  }
}
