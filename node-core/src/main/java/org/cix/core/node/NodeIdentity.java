package org.cix.core.node;

import java.util.Objects;
import org.cix.crypto.pki.CertIdentity;

/** Who a node is: its id and jurisdiction, as its certificate binds them. */
public record NodeIdentity(String nodeId, Jurisdiction jurisdiction) {
  public NodeIdentity {
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    if (!CertIdentity.isValidNodeId(nodeId)) {
      throw new IllegalArgumentException(
          "bad node id '" + nodeId + "': use lower-case letters, digits and '-', at most 63 characters");
    }
  }

  public NodeLevel level() {
    return jurisdiction.level();
  }

  @Override
  public String toString() {
    return nodeId + " (" + jurisdiction + ")";
  }
}
