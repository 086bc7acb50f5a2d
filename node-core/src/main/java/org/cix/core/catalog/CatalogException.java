package org.cix.core.catalog;

import java.util.List;
import org.cix.core.error.CixException;

/** A catalog with one or more errors, all of them listed (file: key: problem). */
public final class CatalogException extends CixException {
  private static final long serialVersionUID = 1L;
  private final List<String> errors;

  public CatalogException(String where, List<String> errors) {
    this(where, "the catalog", errors);
  }

  /** {@code what}: "the catalog", "the measures". */
  public CatalogException(String where, String what, List<String> errors) {
    super(Kind.INVALID_INPUT, where + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors")
        + " in " + what + "\n  " + String.join("\n  ", errors));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
