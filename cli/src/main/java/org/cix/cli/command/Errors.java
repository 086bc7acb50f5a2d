package org.cix.cli.command;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import java.io.UncheckedIOException;

/** One line (or, for configuration files, one list) saying what went wrong, for the CLI. */
public final class Errors {
  private Errors() {}

  public static String describe(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof ProvisionException || cause instanceof CreationException
            || cause instanceof UncheckedIOException)
        && cause.getCause() != null) {
      if (cause instanceof UncheckedIOException && cause.getMessage() != null && !cause.getMessage().isBlank()) {
        return cause.getMessage();
      }
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    if (message == null || message.isBlank()) {
      return cause.getClass().getSimpleName();
    }
    if (cause instanceof RuntimeException && cause.getClass().getPackageName().startsWith("org.cix")) {
      return message;
    }
    if (cause instanceof IllegalArgumentException || cause instanceof java.io.IOException) {
      return message;
    }
    return cause.getClass().getSimpleName() + ": " + message;
  }
}
