package org.cix.federation.link;

import io.grpc.Status;
import java.security.cert.CertificateException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a link attempt failed, in the words an operator needs: a port that does not speak TLS, a
 * neighbour that is another node, a certificate refused; gRPC's status and the deepest cause
 * otherwise, never Netty's pipeline dump.
 */
final class LinkFailures {
  private static final Pattern OTHER_NODE = Pattern.compile("expected node (\\S+) but the server is node (\\S+)");

  private LinkFailures() {}

  static String describe(Status status, LinkTarget target) {
    String where = target.address();
    String neighbour = "the " + target.role().label() + "'s";
    for (Throwable cause = status.getCause(); cause != null; cause = cause.getCause()) {
      String message = cause.getMessage() == null ? "" : cause.getMessage();
      if (message.contains("not an SSL/TLS record")) {
        return status.getCode() + ": " + where + " answers, but not with TLS: it is not a cix federation port (an "
            + "admin or metrics port?); check " + neighbour + " address";
      }
      if (cause instanceof CertificateException) {
        Matcher other = OTHER_NODE.matcher(message);
        if (other.find()) {
          return status.getCode() + ": " + where + " is node " + other.group(2) + ", not " + other.group(1)
              + ": check " + neighbour + " address and node id";
        }
        return status.getCode() + ": " + where + " presented a certificate this node refuses: " + message;
      }
    }
    String description = status.getDescription() == null ? "" : status.getDescription().lines().findFirst()
        .orElse("");
    String reason = status.getCode() + (description.isEmpty() ? "" : ": " + description);
    if (status.getCause() != null) {
      reason += " (" + root(status.getCause()) + ")";
    }
    return reason;
  }

  private static String root(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
