package org.cix.core.sync;

import java.security.cert.X509Certificate;
import java.util.List;
import org.cix.core.link.LinkRole;
import org.cix.core.node.NodeIdentity;
import org.cix.proto.v1.Subscription;

/**
 * The node at the other end of a link, as its handshake established it: identity (from its TLS
 * certificate), what it is to this node, the sealing chain that signs its bundles (validated) and,
 * for a peer, what it subscribes to.
 */
public record Neighbour(NodeIdentity identity, LinkRole role, List<X509Certificate> sealChain,
    Subscription subscription) {
  public Neighbour {
    sealChain = List.copyOf(sealChain);
  }

  public String nodeId() {
    return identity.nodeId();
  }
}
