package org.cix.core.error;

/**
 * A failure the domain names. Each kind maps to one gRPC status in one place (federation's
 * StatusMapping) and to one line on the CLI.
 */
public class CixException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, independent of any transport. */
  public enum Kind {
    INVALID_INPUT,
    NOT_FOUND,
    PRECONDITION_FAILED,
    PERMISSION_DENIED,
    UNAUTHENTICATED,
    RESOURCE_EXHAUSTED,
    UNAVAILABLE
  }

  private final Kind kind;

  public CixException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CixException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static CixException permissionDenied(String message) {
    return new CixException(Kind.PERMISSION_DENIED, message);
  }

  public static CixException preconditionFailed(String message) {
    return new CixException(Kind.PRECONDITION_FAILED, message);
  }

  public static CixException unauthenticated(String message) {
    return new CixException(Kind.UNAUTHENTICATED, message);
  }

  public static CixException notFound(String message) {
    return new CixException(Kind.NOT_FOUND, message);
  }

  public static CixException invalidInput(String message) {
    return new CixException(Kind.INVALID_INPUT, message);
  }
}
