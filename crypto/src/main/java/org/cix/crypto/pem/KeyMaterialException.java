package org.cix.crypto.pem;

import java.nio.file.Path;

/** Key material that is missing, unreadable, malformed or inconsistent; the message names the file. */
public final class KeyMaterialException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  public KeyMaterialException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public KeyMaterialException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
