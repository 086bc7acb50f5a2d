package org.cix.federation.link;

import java.util.Objects;
import org.cix.core.link.LinkRole;

/** A configured neighbour: its expected node id, where it listens, and what it is to this node. */
public record LinkTarget(String nodeId, String host, int port, LinkRole role) {
  public LinkTarget {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " out of range");
    }
    if (role == LinkRole.CHILD) {
      throw new IllegalArgumentException("children dial their parent; they are not configured as targets");
    }
  }

  public String address() {
    return host + ":" + port;
  }
}
