package org.cix.crypto.pki;

/** The kinds of certificate in the cix PKI. */
public enum CertificateProfile {
  /** A CA that issues inside its jurisdiction: the national root, a city node's issuer. */
  CA,
  /** A node's TLS identity, used as both server and client in mutual TLS. */
  TLS,
  /** A node's sealing key: signs seals and bundles, never used for TLS. */
  SEAL,
  /**
   * A read front end's TLS identity: a TLS certificate naming the node it answers for, marked as
   * a front end's ({@link CertIdentity#FRONT_END_URN}). It answers queries under that node's id;
   * nodes refuse its calls, and it holds no sealing key, so it never links, seals or signs.
   */
  FRONT_END
}
