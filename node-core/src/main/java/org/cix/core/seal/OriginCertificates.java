package org.cix.core.seal;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The sealing certificate chains of origin nodes, to verify seals with, found by the SHA-256 of
 * the leaf certificate a seal header names. A node holds its own; the chains of other origins
 * arrive with their records (federation sync).
 */
public interface OriginCertificates {
  Optional<List<X509Certificate>> sealChain(byte[] certSha256);
}
