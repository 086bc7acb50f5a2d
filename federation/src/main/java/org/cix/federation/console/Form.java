package org.cix.federation.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of a query string or of a form's body (application/x-www-form-urlencoded). */
record Form(Map<String, String> fields) {
  static final int LARGEST = 64 * 1024;

  static Form parse(String raw) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        if (!pair.isEmpty()) {
          int eq = pair.indexOf('=');
          fields.putIfAbsent(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
              eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return new Form(fields);
  }

  /** The field's value as a number; refused (invalid input) naming {@code what} when it is not one. */
  long number(String name, String what) {
    try {
      return Long.parseLong(get(name));
    } catch (NumberFormatException e) {
      throw org.cix.core.error.CixException.invalidInput("name the " + what + " by its number");
    }
  }

  /** The field's value, trimmed; empty when absent. */
  String get(String name) {
    return fields.getOrDefault(name, "").trim();
  }
}
