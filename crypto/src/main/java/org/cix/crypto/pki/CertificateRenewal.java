package org.cix.crypto.pki;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.cix.crypto.keys.KeyAlgorithm;

/**
 * Renewal over the link: a running node makes new TLS and sealing keys and asks its parent's CA,
 * over the mutually authenticated link, for certificates of them (the PKCS#10 requests of
 * enrolment, each signed by the key it is for); the parent answers within its rules for the
 * calling node only; the node puts the new pairs in force ({@link NodeKeyMaterial#renew}). The
 * private keys never leave the node.
 */
public final class CertificateRenewal {
  private CertificateRenewal() {}

  /** New keys waiting for their certificates, and the requests for them (DER: TLS, then sealing). */
  public record Asking(KeyPair tls, KeyPair seal, List<byte[]> requests) {
    public Asking {
      requests = List.copyOf(requests);
    }
  }

  /** The certificates a parent issued for a renewal, each followed by the issuer's path to the root. */
  public record Issued(List<X509Certificate> tls, List<X509Certificate> seal) {
    public Issued {
      tls = List.copyOf(tls);
      seal = List.copyOf(seal);
    }
  }

  /** At the node: new keys of the same algorithms, and the requests naming the node. */
  public static Asking ask(NodeKeyMaterial keys) {
    SecureRandom random = new SecureRandom();
    KeyPair tls = KeyAlgorithm.EC_P256.generate(random);
    KeyPair seal = KeyAlgorithm.ED25519.generate(random);
    try {
      return new Asking(tls, seal, List.of(
          EnrolmentRequest.request(tls, keys.nodeId(), keys.jurisdiction()).getEncoded(),
          EnrolmentRequest.request(seal, keys.nodeId(), keys.jurisdiction()).getEncoded()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot encode the renewal requests", e);
    }
  }

  /**
   * At the parent: the requests checked (signed by their keys, one node), they must name the
   * calling node as its certificate does ({@code caller}) and ask for no CA, and {@code issuer}
   * issues within its rules for {@code validity}.
   *
   * @throws IllegalArgumentException saying why the request is refused; nothing is issued
   */
  public static Issued answer(CertificateAuthority issuer, List<byte[]> requests, CertIdentity caller,
      Duration validity) {
    EnrolmentRequest.Asked asked = EnrolmentRequest.read(requests);
    String callerId = caller.nodeId().orElse("");
    if (!asked.nodeId().equals(callerId) || !asked.jurisdiction().equals(caller.jurisdiction())) {
      throw new IllegalArgumentException("node " + callerId + " asked to renew the certificates of node "
          + asked.nodeId() + " of jurisdiction " + Jurisdictions.describe(asked.jurisdiction())
          + ": a node renews only its own (" + Jurisdictions.describe(caller.jurisdiction()) + ")");
    }
    if (asked.ca().isPresent() || asked.frontEnd()) {
      throw new IllegalArgumentException("a renewal over the link renews the TLS and sealing certificates, both; "
          + "a node CA (or a read front end's certificate) is renewed by request (cix node request, cix ca sign)");
    }
    return new Issued(issuer.issue(CertificateProfile.TLS, asked.nodeId(), asked.jurisdiction(), asked.tls(), validity),
        issuer.issue(CertificateProfile.SEAL, asked.nodeId(), asked.jurisdiction(), asked.seal().orElseThrow(),
            validity));
  }

  /** At the node: the answer put in force with the keys asked for (checked and written by {@link NodeKeyMaterial#renew}). */
  public static void install(NodeKeyMaterial keys, Asking asking, Issued issued, Clock clock) {
    keys.renew(new NodeKeyMaterial.Pairs(asking.tls().getPrivate(), issued.tls(), asking.seal().getPrivate(),
        issued.seal()), clock);
  }
}
