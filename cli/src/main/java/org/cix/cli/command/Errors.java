package org.cix.cli.command;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** One line (or, for configuration files, one list) saying what went wrong, for the CLI. */
public final class Errors {
  private Errors() {}

  public static String describe(Throwable failure) {
    Throwable cause = unwrapGuice(failure);
    while (cause instanceof UncheckedIOException && cause.getCause() != null) {
      if (cause instanceof UncheckedIOException && cause.getMessage() != null && !cause.getMessage().isBlank()) {
        return cause.getMessage();
      }
      cause = cause.getCause();
    }
    cause = unwrapGuice(cause);
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

  /** Guice wraps what a provider threw; the first error's cause is what went wrong. */
  private static Throwable unwrapGuice(Throwable failure) {
    Throwable cause = failure;
    while (true) {
      Collection<Message> messages = cause instanceof CreationException c ? c.getErrorMessages()
          : cause instanceof ProvisionException p ? p.getErrorMessages() : List.of();
      Throwable inner = messages.stream().map(Message::getCause).filter(Objects::nonNull).findFirst()
          .orElse(messages.isEmpty() ? null : cause.getCause());
      if (inner == null || inner == cause) {
        return cause;
      }
      cause = inner;
    }
  }
}
