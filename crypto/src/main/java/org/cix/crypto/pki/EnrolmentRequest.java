package org.cix.crypto.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.cix.crypto.CryptoProviders;
import org.cix.crypto.keys.KeyAlgorithm;
import org.cix.crypto.pem.KeyMaterialException;
import org.cix.crypto.pem.PemFiles;
import org.cix.crypto.pem.StagedDirectory;

/**
 * Enrolment by request: a new node makes its own keys and asks the CA of its parent for
 * certificates with one PKCS#10 request per key (TLS, sealing and, above district level, its own
 * CA), each signed by the key it is for; the CA checks the signatures and its own rules (the id
 * in its namespace, the jurisdiction inside its own) and answers with certificates only. No
 * private key leaves the node that uses it, and the parent never sees the node's admin token or
 * storage key.
 */
public final class EnrolmentRequest {
  /** The request a node directory holds until it is answered. */
  public static final String FILE = "enrol-request.pem";
  /** Where a node directory keeps a renewal by request (new keys, the request) until it is answered. */
  public static final String RENEWAL_DIR = "renewal-request";
  private static final String NATIONAL = "national";

  /** What a request asks for, its signatures checked; without a sealing key, a read front end's TLS certificate. */
  public record Asked(String nodeId, String jurisdiction, PublicKey tls, Optional<PublicKey> seal,
      Optional<PublicKey> ca) {
    /** A read front end of the node asks for its TLS certificate alone ({@link CertificateProfile#FRONT_END}). */
    public boolean frontEnd() {
      return seal.isEmpty();
    }
  }

  private EnrolmentRequest() {}

  /**
   * Creates the node directory {@code out}: keys made here, the request beside them ({@link
   * #FILE}), and what {@code alsoWrite} adds (the admin token, the storage key). Files appear all
   * at once.
   */
  public static void create(String nodeId, String jurisdiction, boolean withCa, Path out, Consumer<Path> alsoWrite) {
    CertIdentity.requireValidNodeId(nodeId);
    if (!Jurisdictions.isWellFormed(jurisdiction)) {
      throw new IllegalArgumentException("malformed jurisdiction '" + jurisdiction + "'");
    }
    StagedDirectory.create(out, staging -> {
      SecureRandom random = new SecureRandom();
      List<PKCS10CertificationRequest> requests = new ArrayList<>();
      requests.add(keyAndRequest(KeyAlgorithm.EC_P256.generate(random), nodeId, jurisdiction,
          staging.resolve(NodeKeyMaterial.TLS_KEY)));
      requests.add(keyAndRequest(KeyAlgorithm.ED25519.generate(random), nodeId, jurisdiction,
          staging.resolve(NodeKeyMaterial.SEAL_KEY)));
      if (withCa) {
        requests.add(keyAndRequest(KeyAlgorithm.EC_P256.generate(random), nodeId, jurisdiction,
            staging.resolve(CertificateAuthority.KEY_FILE)));
      }
      PemFiles.writeRequests(staging.resolve(FILE), requests);
      alsoWrite.accept(staging);
    });
  }

  /**
   * Creates the directory {@code out} of a read front end of node {@code nodeId}: its TLS key made
   * here and one request, for a certificate marked as a front end's; no sealing key.
   */
  public static void createFrontEnd(String nodeId, String jurisdiction, Path out, Consumer<Path> alsoWrite) {
    CertIdentity.requireValidNodeId(nodeId);
    if (!Jurisdictions.isWellFormed(jurisdiction)) {
      throw new IllegalArgumentException("malformed jurisdiction '" + jurisdiction + "'");
    }
    StagedDirectory.create(out, staging -> {
      PemFiles.writeRequests(staging.resolve(FILE), List.of(keyAndRequest(
          KeyAlgorithm.EC_P256.generate(new SecureRandom()), nodeId, jurisdiction,
          staging.resolve(NodeKeyMaterial.TLS_KEY))));
      alsoWrite.accept(staging);
    });
  }

  /**
   * Starts a renewal by request of the node of directory {@code node}, for a node that cannot renew
   * over a link (the national node; a city moving under a new root): new TLS and sealing keys made
   * here and the CA's key as it is (what the CA issued stays valid), one request each, kept in
   * {@value #RENEWAL_DIR} until {@link #accept} takes the answer.
   *
   * @return the request file to hand to the issuing CA's operator
   */
  public static Path renewal(Path node, Clock clock) {
    NodeKeyMaterial keys = NodeKeyMaterial.load(node, clock);
    Path dir = node.resolve(RENEWAL_DIR);
    StagedDirectory.create(dir, staging -> {
      SecureRandom random = new SecureRandom();
      List<PKCS10CertificationRequest> requests = new ArrayList<>();
      requests.add(keyAndRequest(KeyAlgorithm.EC_P256.generate(random), keys.nodeId(), keys.jurisdiction(),
          staging.resolve(NodeKeyMaterial.TLS_KEY)));
      requests.add(keyAndRequest(KeyAlgorithm.ED25519.generate(random), keys.nodeId(), keys.jurisdiction(),
          staging.resolve(NodeKeyMaterial.SEAL_KEY)));
      if (keys.canIssue()) {
        PemFiles.KeyAndChain ca = PemFiles.readKeyAndChain(node.resolve(CertificateAuthority.KEY_FILE),
            node.resolve(CertificateAuthority.CERT_FILE));
        requests.add(request(new KeyPair(ca.chain().get(0).getPublicKey(), ca.key()), keys.nodeId(),
            keys.jurisdiction()));
      }
      PemFiles.writeRequests(staging.resolve(FILE), requests);
    });
    return dir.resolve(FILE);
  }

  /**
   * Reads a request and checks it: two or three requests (TLS, sealing, CA), or one (a read front
   * end's TLS), each signed by the key it asks a certificate for, all for one node id and
   * jurisdiction.
   */
  public static Asked read(Path file) {
    return check(PemFiles.readRequests(file), reason -> new KeyMaterialException(file, reason));
  }

  /**
   * The same checks on requests that came over the network (DER, in order), refused with an
   * {@link IllegalArgumentException} saying why.
   */
  public static Asked read(List<byte[]> der) {
    List<PKCS10CertificationRequest> requests = new ArrayList<>();
    for (byte[] one : der) {
      try {
        requests.add(new PKCS10CertificationRequest(one));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("request " + (requests.size() + 1) + " is not a PKCS#10 request", e);
      }
    }
    return check(requests, IllegalArgumentException::new);
  }

  private static Asked check(List<PKCS10CertificationRequest> requests, Function<String, RuntimeException> refusal) {
    if (requests.isEmpty() || requests.size() > 3) {
      throw refusal.apply("holds " + requests.size() + " requests; an enrolment asks for 2 (TLS, "
          + "sealing), 3 (and a CA) or, for a read front end, 1 (TLS)");
    }
    String nodeId = null;
    String jurisdiction = null;
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      PKCS10CertificationRequest request = requests.get(i);
      boolean signed;
      try {
        signed = request.isSignatureValid(new JcaContentVerifierProviderBuilder()
            .setProvider(CryptoProviders.bouncyCastle()).build(request.getSubjectPublicKeyInfo()));
        keys.add(new JcaPKCS10CertificationRequest(request).setProvider(CryptoProviders.bouncyCastle())
            .getPublicKey());
      } catch (OperatorCreationException | PKCSException | GeneralSecurityException e) {
        throw refusal.apply("request " + (i + 1) + " cannot be verified: " + e.getMessage());
      }
      if (!signed) {
        throw refusal.apply("request " + (i + 1) + " is not signed by the key it is for");
      }
      String id = value(request.getSubject(), BCStyle.CN);
      String code = value(request.getSubject(), BCStyle.OU);
      code = NATIONAL.equals(code) ? "" : code;
      if (nodeId != null && (!nodeId.equals(id) || !jurisdiction.equals(code))) {
        throw refusal.apply("its requests name more than one node (" + nodeId + ", " + id + ")");
      }
      nodeId = id;
      jurisdiction = code;
    }
    return new Asked(nodeId, jurisdiction, keys.get(0), keys.size() > 1 ? Optional.of(keys.get(1)) : Optional.empty(),
        keys.size() == 3 ? Optional.of(keys.get(2)) : Optional.empty());
  }

  /**
   * The CA's answer: certificates for what {@code asked} asks, issued by {@code issuer} within its
   * rules, written to {@code out} (tls.crt, seal.crt, ca.crt when asked, root.crt).
   *
   * @throws IllegalArgumentException when the id or jurisdiction is not the issuer's to certify
   */
  public static void answer(CertificateAuthority issuer, Asked asked, Duration validity, Path out) {
    List<X509CertificateFile> files = new ArrayList<>();
    files.add(new X509CertificateFile(NodeKeyMaterial.TLS_CERT, issuer.issue(asked.frontEnd()
        ? CertificateProfile.FRONT_END : CertificateProfile.TLS, asked.nodeId(), asked.jurisdiction(), asked.tls(),
        validity)));
    asked.seal().ifPresent(seal -> files.add(new X509CertificateFile(NodeKeyMaterial.SEAL_CERT,
        issuer.issue(CertificateProfile.SEAL, asked.nodeId(), asked.jurisdiction(), seal, validity))));
    if (asked.ca().isPresent()) {
      if (asked.jurisdiction().length() >= 6) {
        throw new IllegalArgumentException("a district node (" + asked.jurisdiction() + ") issues no certificates: "
            + "no CA for it");
      }
      files.add(new X509CertificateFile(CertificateAuthority.CERT_FILE,
          issuer.issue(CertificateProfile.CA, asked.nodeId(), asked.jurisdiction(), asked.ca().get(), validity)));
    }
    files.add(new X509CertificateFile(CertificateAuthority.ROOT_FILE, issuer.trusted()));
    StagedDirectory.create(out, staging -> files.forEach(f -> PemFiles.writeCertificates(staging.resolve(f.name()),
        f.chain())));
  }

  /**
   * Puts the certificates of {@code answer} into the node directory {@code node} that made the
   * request, and loads it (each certificate checked against its key there, and to the root).
   * Nothing is left changed when that fails. For a renewal by request ({@link #renewal}) see
   * {@link RenewalByRequest#accept}.
   */
  public static NodeKeyMaterial accept(Path answer, Path node, Clock clock) {
    if (Files.isDirectory(node.resolve(RENEWAL_DIR))) {
      return RenewalByRequest.accept(answer, node, clock);
    }
    List<String> names = List.of(NodeKeyMaterial.TLS_CERT, NodeKeyMaterial.SEAL_CERT, CertificateAuthority.CERT_FILE,
        CertificateAuthority.ROOT_FILE);
    List<Path> written = new ArrayList<>();
    try {
      for (String name : names) {
        if (Files.exists(answer.resolve(name))) {
          PemFiles.writeCertificates(node.resolve(name), PemFiles.readCertificates(answer.resolve(name)));
          written.add(node.resolve(name));
        }
      }
      NodeKeyMaterial keys = NodeKeyMaterial.load(node, clock);
      Files.deleteIfExists(node.resolve(FILE));
      return keys;
    } catch (RuntimeException | IOException e) {
      for (Path file : written) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // the load failed already; the message below says why
        }
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new KeyMaterialException(node, "cannot remove the answered request: " + e.getMessage(), e);
    }
  }

  private record X509CertificateFile(String name, List<java.security.cert.X509Certificate> chain) {}

  static PKCS10CertificationRequest keyAndRequest(KeyPair pair, String nodeId, String jurisdiction,
      Path keyFile) {
    PemFiles.writePrivateKey(keyFile, pair.getPrivate());
    return request(pair, nodeId, jurisdiction);
  }

  /** A PKCS#10 request for {@code pair}'s public key, naming the node, signed by its private key. */
  static PKCS10CertificationRequest request(KeyPair pair, String nodeId, String jurisdiction) {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "cix")
        .addRDN(BCStyle.OU, jurisdiction.isEmpty() ? NATIONAL : jurisdiction).addRDN(BCStyle.CN, nodeId).build();
    try {
      return new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic()).build(
          new JcaContentSignerBuilder(KeyAlgorithm.of(pair.getPrivate()).signatureAlgorithm())
              .setProvider(CryptoProviders.bouncyCastle()).build(pair.getPrivate()));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign the request", e);
    }
  }

  private static String value(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
    RDN[] rdns = name.getRDNs(type);
    return rdns.length == 1 ? IETFUtils.valueToString(rdns[0].getFirst().getValue()) : "";
  }
}
