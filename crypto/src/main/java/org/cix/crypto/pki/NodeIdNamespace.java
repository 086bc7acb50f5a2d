package org.cix.crypto.pki;

import java.util.Optional;

/**
 * Which node ids a CA may issue. A CA of national jurisdiction (the root, or the national node's
 * CA) names the nodes directly under the country as it likes; the CA of any other node {@code X}
 * issues only ids of the form {@code X-name} (Beijing's {@code bj} issues {@code bj-chaoyang}, never
 * {@code sh} or {@code cn}). So a node id tells which CA alone may have issued it, a compromised
 * city cannot pose as a node outside its own subtree, and links, cursors and routing may be keyed
 * by the certified node id. {@link ChainValidator} applies the rule along every chain.
 */
public final class NodeIdNamespace {
  private NodeIdNamespace() {}

  /**
   * Why {@code issuer} may not issue {@code nodeId}, or empty when it may.
   *
   * @param issuer the identity in the issuing CA's certificate
   */
  public static Optional<String> refusal(CertIdentity issuer, String nodeId) {
    if (issuer.nodeId().isEmpty() || issuer.jurisdiction().isEmpty()) {
      return Optional.empty();
    }
    String prefix = issuer.nodeId().get() + "-";
    if (nodeId.startsWith(prefix) && nodeId.length() > prefix.length()) {
      return Optional.empty();
    }
    return Optional.of("node id '" + nodeId + "' is outside the namespace of CA " + issuer.nodeId().get()
        + ", which issues only ids " + prefix + "<name>");
  }
}
