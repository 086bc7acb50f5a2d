package org.cix.cli.config;

import java.nio.file.Path;
import java.util.List;

/** A configuration file with one or more errors, all of them listed. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> errors;

  public ConfigException(Path file, List<String> errors) {
    super(file + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors") + "\n  "
        + String.join("\n  ", errors));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
