package org.cix.core.seal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cix.core.record.RecordVersion;
import org.cix.crypto.merkle.MerkleTree;
import org.cix.crypto.pki.CertIdentity;
import org.cix.crypto.pki.CertificateProfile;
import org.cix.crypto.pki.ChainValidator;
import org.cix.crypto.sign.Signatures;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealHeader;
import org.cix.proto.v1.SealProof;

/**
 * Checks where a record version came from: the seal's signature by the origin's sealing key, the
 * origin's certificate chain to the national root (as a sealing certificate of the node and
 * jurisdiction the header names), and the version's Merkle proof against the sealed root.
 */
public final class SealVerifier {
  private final ChainValidator validator;

  public SealVerifier(ChainValidator validator) {
    this.validator = validator;
  }

  /** Why a seal or proof does not verify, for reports and quarantine. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }

  /** Verifies {@code seal} against the origin chain {@code origins} hold for the certificate it names. */
  public SealHeader verify(Seal seal, OriginCertificates origins) throws Failure {
    return verify(seal, origins, Optional.empty());
  }

  /**
   * The same for a seal proven to exist at {@code provenAt} (when this node stored what it seals,
   * or a relay's receipt said it had): the origin's certificate as it stood then proves it, though
   * it has expired or been superseded since; a revocation for key compromise takes from its
   * invalidity date. Empty: as of now.
   */
  public SealHeader verify(Seal seal, OriginCertificates origins, Optional<Instant> provenAt) throws Failure {
    SealHeader header = header(seal);
    List<X509Certificate> chain = origins.sealChain(header.getOriginCertSha256().toByteArray())
        .orElseThrow(() -> new Failure("no certificate of origin " + header.getOriginNode() + " is known here"));
    return verify(seal, chain, provenAt);
  }

  /** The header of {@code seal}, unverified. */
  public static SealHeader header(Seal seal) throws Failure {
    try {
      return SealHeader.parseFrom(seal.getHeader());
    } catch (InvalidProtocolBufferException e) {
      throw new Failure("unreadable seal header");
    }
  }

  /**
   * Verifies {@code seal} against the origin's sealing certificate chain.
   *
   * @return the verified header
   */
  public SealHeader verify(Seal seal, List<X509Certificate> originChain) throws Failure {
    return verify(seal, originChain, Optional.empty());
  }

  /** The same as of {@code provenAt} (see {@link #verify(Seal, OriginCertificates, Optional)}); empty: now. */
  public SealHeader verify(Seal seal, List<X509Certificate> originChain, Optional<Instant> provenAt)
      throws Failure {
    SealHeader header = header(seal);
    if (originChain.isEmpty()) {
      throw new Failure("no certificate for origin " + header.getOriginNode());
    }
    X509Certificate certificate = originChain.get(0);
    if (!Arrays.equals(Sealer.certificateHash(certificate), header.getOriginCertSha256().toByteArray())) {
      throw new Failure("seal names another certificate of " + header.getOriginNode());
    }
    CertIdentity identity;
    try {
      identity = provenAt.isPresent() ? validator.validateAt(originChain, CertificateProfile.SEAL, provenAt.get())
          : validator.validate(originChain, CertificateProfile.SEAL);
    } catch (CertificateException e) {
      throw new Failure("origin certificate: " + e.getMessage());
    }
    if (!identity.nodeId().orElse("").equals(header.getOriginNode())
        || !identity.jurisdiction().equals(header.getOriginJurisdiction())) {
      throw new Failure("seal claims origin " + header.getOriginNode() + " (" + header.getOriginJurisdiction()
          + ") but the certificate is of " + identity.nodeId().orElse("?") + " (" + identity.jurisdiction() + ")");
    }
    if (!Signatures.verify(certificate.getPublicKey(), header.getAlgorithm(), seal.getHeader().toByteArray(),
        seal.getSignature().toByteArray())) {
      throw new Failure("seal signature does not verify");
    }
    return header;
  }

  /** Checks that {@code version} is in the (verified) sealed batch at the proof's index. */
  public static void prove(SealHeader header, SealProof proof, RecordVersion version) throws Failure {
    prove(header, proof, version.sha256());
  }

  /** Checks that the version whose SHA-256 is {@code sha256} is in the sealed batch at the proof's index. */
  public static void prove(SealHeader header, SealProof proof, byte[] sha256) throws Failure {
    if (!proof.getSealId().equals(header.getSealId())) {
      throw new Failure("proof is for seal " + proof.getSealId() + ", not " + header.getSealId());
    }
    List<byte[]> path = new ArrayList<>(proof.getPathCount());
    for (ByteString hash : proof.getPathList()) {
      path.add(hash.toByteArray());
    }
    if (!MerkleTree.verify(MerkleTree.leafHash(sha256), proof.getLeafIndex(), header.getLeafCount(), path,
        header.getRoot().toByteArray())) {
      throw new Failure("Merkle proof does not verify");
    }
  }
}
