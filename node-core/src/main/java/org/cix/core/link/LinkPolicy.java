package org.cix.core.link;

import org.cix.core.error.CixException;
import org.cix.core.node.NodeIdentity;

/**
 * Who may link with whom. A child's jurisdiction lies strictly inside its parent's; of two peers
 * the lower node id dials (so both never dial each other); nodes speak one protocol version.
 */
public final class LinkPolicy {
  /** The version of the node-to-node protocol this build speaks. */
  public static final int PROTOCOL_VERSION = 2;

  private LinkPolicy() {}

  /**
   * Decides on a dialler that presents itself as {@code diallerRole} to {@code self}.
   *
   * @throws CixException PERMISSION_DENIED or PRECONDITION_FAILED with the reason
   */
  public static void admitInbound(NodeIdentity self, NodeIdentity dialler, LinkRole diallerRole, int protocolVersion) {
    if (protocolVersion != PROTOCOL_VERSION) {
      throw CixException.preconditionFailed("protocol version " + protocolVersion
          + " is not supported by node " + self.nodeId() + " (speaks " + PROTOCOL_VERSION + ")");
    }
    if (dialler.nodeId().equals(self.nodeId())) {
      throw CixException.permissionDenied("node " + self.nodeId() + " cannot link with itself");
    }
    switch (diallerRole) {
      case CHILD -> requireParentOf(self, dialler);
      case PEER -> {
        if (!dialsPeer(dialler.nodeId(), self.nodeId())) {
          throw CixException.permissionDenied("peer " + dialler.nodeId() + " must not dial " + self.nodeId()
              + ": of two peers the lower node id dials");
        }
      }
      case PARENT -> throw CixException.permissionDenied(
          "a parent does not dial its children (node " + dialler.nodeId() + ")");
    }
  }

  /** Checks that {@code parent} may be the parent of {@code child}. */
  public static void requireParentOf(NodeIdentity parent, NodeIdentity child) {
    if (!parent.jurisdiction().strictlyContains(child.jurisdiction())) {
      throw CixException.permissionDenied("jurisdiction " + child.jurisdiction() + " of node " + child.nodeId()
          + " is not inside jurisdiction " + parent.jurisdiction() + " of node " + parent.nodeId());
    }
  }

  /** True when {@code self} dials {@code peer} (the lower id of two peers dials). */
  public static boolean dialsPeer(String self, String peer) {
    return self.compareTo(peer) < 0;
  }
}
