package org.cix.core.link;

import java.util.Optional;
import org.cix.core.error.CixException;
import org.cix.core.node.NodeIdentity;

/**
 * Who may link with whom. A child's jurisdiction lies strictly inside its parent's, and its parent
 * issued its certificate; of two peers
 * the lower node id dials (so both never dial each other); nodes speak one protocol version.
 */
public final class LinkPolicy {
  /** The version of the node-to-node protocol this build speaks. */
  public static final int PROTOCOL_VERSION = 3;

  private LinkPolicy() {}

  /**
   * Decides on a dialler that presents itself as {@code diallerRole} to {@code self}.
   *
   * @param diallerIssuer the node whose CA issued the dialler's certificate (empty: the national root)
   * @throws CixException PERMISSION_DENIED or PRECONDITION_FAILED with the reason
   */
  public static void admitInbound(NodeIdentity self, NodeIdentity dialler, Optional<String> diallerIssuer,
      LinkRole diallerRole, int protocolVersion) {
    if (protocolVersion != PROTOCOL_VERSION) {
      throw CixException.preconditionFailed("protocol version " + protocolVersion
          + " is not supported by node " + self.nodeId() + " (speaks " + PROTOCOL_VERSION + ")");
    }
    if (dialler.nodeId().equals(self.nodeId())) {
      throw CixException.permissionDenied("node " + self.nodeId() + " cannot link with itself");
    }
    switch (diallerRole) {
      case CHILD -> {
        requireParentOf(self, dialler);
        requireIssuedBy(self, dialler, diallerIssuer);
      }
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

  /**
   * Checks that {@code parent} issued {@code child}'s certificate: a parent takes as children only
   * the nodes directly under it, so a district cannot skip its city and link to the national node
   * (which would then see traffic its city neither saw nor countersigned). The national node also
   * takes the nodes the national root issued.
   */
  public static void requireIssuedBy(NodeIdentity parent, NodeIdentity child, Optional<String> issuer) {
    boolean direct = issuer.map(parent.nodeId()::equals)
        .orElse(parent.jurisdiction().code().isEmpty());
    if (!direct) {
      throw CixException.permissionDenied("node " + child.nodeId() + " is not a child of " + parent.nodeId()
          + ": its certificate was issued by " + issuer.map(id -> "node " + id).orElse("the national root")
          + ", and a parent takes as children only the nodes it issued; link it to that node");
    }
  }

  /** True when {@code other} may be a child of {@code self}: inside its jurisdiction and issued by it. */
  public static boolean isChild(NodeIdentity self, NodeIdentity other, Optional<String> otherIssuer) {
    try {
      requireParentOf(self, other);
      requireIssuedBy(self, other, otherIssuer);
      return true;
    } catch (CixException e) {
      return false;
    }
  }

  /** True when {@code self} dials {@code peer} (the lower id of two peers dials). */
  public static boolean dialsPeer(String self, String peer) {
    return self.compareTo(peer) < 0;
  }
}
