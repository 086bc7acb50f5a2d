package org.cix.core.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads from one section of a parsed YAML document (node configurations, the catalog). Every problem is added to a shared
 * error list (with its full key) instead of thrown, and keys nobody read are reported as
 * unknown, so one run shows every error in the file.
 */
public final class YamlSection {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");

  private final String path;
  private final Map<?, ?> values;
  private final List<String> errors;
  private final Set<String> read = new LinkedHashSet<>();

  /**
   * @param path the section's key in the document ("" for the top; "file:" for the top of a
   *     named file), prefixed to every error
   * @param errors where problems are collected
   */
  public YamlSection(String path, Map<?, ?> values, List<String> errors) {
    this.path = path;
    this.values = values;
    this.errors = errors;
  }

  private String key(String name) {
    if (path.isEmpty()) {
      return name;
    }
    return path.endsWith(":") ? path + " " + name : path + "." + name;
  }

  public void error(String name, String message) {
    errors.add(key(name) + ": " + message);
  }

  public boolean has(String name) {
    return values.get(name) != null;
  }

  private Object raw(String name) {
    read.add(name);
    return values.get(name);
  }

  public Optional<YamlSection> section(String name) {
    Object value = raw(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Map<?, ?> map)) {
      error(name, "expected a section of keys, got " + describe(value));
      return Optional.empty();
    }
    return Optional.of(new YamlSection(key(name), map, errors));
  }

  public List<YamlSection> sections(String name) {
    Object value = raw(name);
    List<YamlSection> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    if (!(value instanceof List<?> list)) {
      error(name, "expected a list, got " + describe(value));
      return result;
    }
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      if (item instanceof Map<?, ?> map) {
        result.add(new YamlSection(key(name) + "[" + i + "]", map, errors));
      } else {
        errors.add(key(name) + "[" + i + "]: expected a section of keys, got " + describe(item));
      }
    }
    return result;
  }

  public Optional<String> string(String name) {
    Object value = raw(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map || value instanceof List) {
      error(name, "expected a value, got " + describe(value));
      return Optional.empty();
    }
    return Optional.of(String.valueOf(value));
  }

  public String requiredString(String name) {
    Optional<String> value = string(name);
    if (value.isEmpty() && !values.containsKey(name)) {
      error(name, "required");
    } else if (value.isEmpty()) {
      error(name, "must not be empty");
    }
    return value.orElse("");
  }

  /** A list of plain values; a single value counts as a list of one. */
  public List<String> stringList(String name) {
    Object value = raw(name);
    List<String> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        if (item == null || item instanceof Map || item instanceof List) {
          errors.add(key(name) + "[" + i + "]: expected a value, got " + (item == null ? "nothing" : describe(item)));
        } else {
          result.add(String.valueOf(item));
        }
      }
    } else if (value instanceof Map) {
      error(name, "expected a list of values, got a section");
    } else {
      result.add(String.valueOf(value));
    }
    return result;
  }

  public boolean bool(String name, boolean defaultValue) {
    Object value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Boolean b)) {
      error(name, "expected true or false, got " + describe(value));
      return defaultValue;
    }
    return b;
  }

  /** The keys of this section, for sections whose keys are data (maps of names to values). */
  public java.util.Set<?> keys() {
    return values.keySet();
  }

  /** The path of this section in the document, for messages. */
  public String path() {
    return path;
  }

  public int integer(String name, int defaultValue, int min, int max) {
    Object value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Integer number)) {
      error(name, "expected a whole number, got " + describe(value));
      return defaultValue;
    }
    if (number < min || number > max) {
      error(name, number + " is out of range [" + min + ", " + max + "]");
      return defaultValue;
    }
    return number;
  }

  public double decimal(String name, double defaultValue, double min, double max) {
    Object value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Number number)) {
      error(name, "expected a number, got " + describe(value));
      return defaultValue;
    }
    double d = number.doubleValue();
    if (d < min || d >= max) {
      error(name, d + " is out of range [" + min + ", " + max + ")");
      return defaultValue;
    }
    return d;
  }

  public Duration duration(String name, Duration defaultValue) {
    Optional<String> value = string(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    Matcher m = DURATION.matcher(value.get().trim());
    if (!m.matches()) {
      error(name, "expected a duration such as 500ms, 30s, 15m, 24h or 7d, got '" + value.get() + "'");
      return defaultValue;
    }
    long amount = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
    if (d.isZero()) {
      error(name, "must be longer than zero");
      return defaultValue;
    }
    return d;
  }

  public int size(String name, int defaultValue, int min, int max) {
    Optional<String> value = string(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    Matcher m = SIZE.matcher(value.get().trim());
    if (!m.matches()) {
      error(name, "expected a size such as 1048576, 512KiB or 16MiB, got '" + value.get() + "'");
      return defaultValue;
    }
    long bytes = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    bytes *= switch (unit) {
      case "KiB" -> 1024L;
      case "MiB" -> 1024L * 1024;
      case "GiB" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    if (bytes < min || bytes > max) {
      error(name, value.get() + " is out of range [" + min + ", " + max + "] bytes");
      return defaultValue;
    }
    return (int) bytes;
  }

  /** Reports every key of this section that no one read. Call after reading the section. */
  public void rejectUnknownKeys() {
    for (Object k : values.keySet()) {
      if (!read.contains(String.valueOf(k))) {
        errors.add(key(String.valueOf(k)) + ": unknown key");
      }
    }
  }

  private static String describe(Object value) {
    if (value instanceof Map) {
      return "a section";
    }
    if (value instanceof List) {
      return "a list";
    }
    return "'" + value + "' (" + value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + ")";
  }
}
