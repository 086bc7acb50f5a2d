package org.cix.federation.link;

import java.util.Objects;
import org.cix.core.link.LinkRole;
import org.cix.proto.v1.Subscription;

/**
 * A configured neighbour: its expected node id, where it listens, what it is to this node and,
 * for a peer, what this node subscribes to from it (empty: all it may share).
 */
public record LinkTarget(String nodeId, String host, int port, LinkRole role, Subscription subscription) {
  public LinkTarget {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(subscription, "subscription");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " out of range");
    }
    if (role == LinkRole.CHILD) {
      throw new IllegalArgumentException("children dial their parent; they are not configured as targets");
    }
  }

  public LinkTarget(String nodeId, String host, int port, LinkRole role) {
    this(nodeId, host, port, role, Subscription.getDefaultInstance());
  }

  public String address() {
    return host + ":" + port;
  }
}
