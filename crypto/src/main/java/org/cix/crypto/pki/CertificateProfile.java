package org.cix.crypto.pki;

/** The kinds of certificate in the cix PKI. */
public enum CertificateProfile {
  /** A CA that issues inside its jurisdiction: the national root, a city node's issuer. */
  CA,
  /** A node's TLS identity, used as both server and client in mutual TLS. */
  TLS,
  /** A node's sealing key: signs seals and bundles, never used for TLS. */
  SEAL
}
