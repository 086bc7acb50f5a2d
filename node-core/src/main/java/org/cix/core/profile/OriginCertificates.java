package org.cix.core.profile;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The sealing certificate chains of origin nodes, to verify seals with. A node knows its own;
 * the chains of other origins arrive with their records (federation sync).
 */
public interface OriginCertificates {
  Optional<List<X509Certificate>> sealChain(String nodeId);

  /** Only this node's own chain. */
  static OriginCertificates self(String nodeId, List<X509Certificate> chain) {
    return id -> id.equals(nodeId) ? Optional.of(chain) : Optional.empty();
  }
}
