package org.cix.crypto.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a cix certificate says about its holder: the node id (SAN URI {@code urn:cix:node:<id>},
 * absent on the root CA) and the jurisdiction (SAN URI {@code urn:cix:jurisdiction:<code>}, with
 * {@code national} for the empty prefix).
 */
public record CertIdentity(Optional<String> nodeId, String jurisdiction) {
  public static final String NODE_URN_PREFIX = "urn:cix:node:";
  public static final String JURISDICTION_URN_PREFIX = "urn:cix:jurisdiction:";
  /** The SAN URI that marks a read front end's TLS certificate ({@link CertificateProfile#FRONT_END}). */
  public static final String FRONT_END_URN = "urn:cix:front-end";
  private static final String NATIONAL = "national";
  private static final int SAN_URI = 6;
  private static final Pattern NODE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public CertIdentity {
    nodeId.ifPresent(CertIdentity::requireValidNodeId);
    if (!Jurisdictions.isWellFormed(jurisdiction)) {
      throw new IllegalArgumentException("malformed jurisdiction '" + jurisdiction + "'");
    }
  }

  /** Node ids are DNS-label-like: lower-case letters, digits and '-', at most 63 characters. */
  public static boolean isValidNodeId(String id) {
    return id != null && NODE_ID.matcher(id).matches();
  }

  static void requireValidNodeId(String id) {
    if (!isValidNodeId(id)) {
      throw new IllegalArgumentException(
          "bad node id '" + id + "': use lower-case letters, digits and '-', at most 63 characters");
    }
  }

  public static String nodeUri(String nodeId) {
    return NODE_URN_PREFIX + nodeId;
  }

  public static String jurisdictionUri(String jurisdiction) {
    return JURISDICTION_URN_PREFIX + (jurisdiction.isEmpty() ? NATIONAL : jurisdiction);
  }

  /** Whether {@code certificate} is a read front end's ({@link CertificateProfile#FRONT_END}). */
  public static boolean isFrontEnd(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      return names != null && names.stream()
          .anyMatch(name -> ((Integer) name.get(0)) == SAN_URI && FRONT_END_URN.equals(name.get(1)));
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  /** Reads the identity from a certificate's subject alternative names. */
  public static CertIdentity of(X509Certificate certificate) throws CertificateParsingException {
    Collection<List<?>> names = certificate.getSubjectAlternativeNames();
    String node = null;
    String jurisdiction = null;
    if (names != null) {
      for (List<?> name : names) {
        if (((Integer) name.get(0)) != SAN_URI) {
          continue;
        }
        String uri = (String) name.get(1);
        if (uri.startsWith(NODE_URN_PREFIX)) {
          if (node != null) {
            throw new CertificateParsingException("certificate names more than one node");
          }
          node = uri.substring(NODE_URN_PREFIX.length());
        } else if (uri.startsWith(JURISDICTION_URN_PREFIX)) {
          if (jurisdiction != null) {
            throw new CertificateParsingException("certificate names more than one jurisdiction");
          }
          String code = uri.substring(JURISDICTION_URN_PREFIX.length());
          jurisdiction = NATIONAL.equals(code) ? "" : code;
        }
      }
    }
    if (jurisdiction == null) {
      throw new CertificateParsingException(
          "certificate " + certificate.getSubjectX500Principal() + " carries no cix jurisdiction");
    }
    try {
      return new CertIdentity(Optional.ofNullable(node), jurisdiction);
    } catch (IllegalArgumentException e) {
      throw new CertificateParsingException(e.getMessage());
    }
  }

  /** The node id, for certificates that must name one. */
  public String requireNodeId() throws CertificateParsingException {
    return nodeId.orElseThrow(() -> new CertificateParsingException("certificate names no cix node"));
  }
}
