package org.cix.core.ingest;

import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one department's export maps onto a catalog type: which source column feeds which field,
 * fields with one value for the whole file, value translations, and the date formats in use.
 *
 * @param columns catalog field key to source column name (CSV header or JSON key)
 * @param constants catalog field key to a value for every row
 * @param values catalog field key to (source value to catalog value)
 * @param dateFormats java.time patterns tried in order
 */
public record Mapping(
    String type,
    SourceFormat format,
    Charset encoding,
    Map<String, String> columns,
    Map<String, String> constants,
    Map<String, Map<String, String>> values,
    List<String> dateFormats) {

  public Mapping {
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    dateFormats = List.copyOf(dateFormats);
  }

  /** The formats of department exports cix reads. */
  public enum SourceFormat {
    CSV,
    JSONL
  }
}
