package org.cix.core.discipline;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.cix.core.error.CixException;
import org.cix.crypto.pki.CertIdentity;
import org.cix.crypto.pki.CertificateProfile;
import org.cix.crypto.pki.ChainValidator;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.sign.Signatures;
import org.cix.proto.v1.MeasuresAttestation;
import org.cix.proto.v1.MeasuresSignature;

/**
 * Who may set the measures of the federation: the national node signs the set it applies with its
 * sealing key; every other node adopts and hands down only a set whose signature verifies with a
 * sealing certificate of national jurisdiction valid under the root, so a city cannot hand its
 * districts a set without the procurement ban.
 */
public final class MeasuresSignatures {
  /** The name under which an adopted set's signature is kept beside its files. */
  public static final String FILE = "measures.signature";

  private final NodeKeyMaterial keys;
  private final ChainValidator validator;
  private final Clock clock;

  public MeasuresSignatures(NodeKeyMaterial keys, Clock clock) {
    this.keys = keys;
    this.validator = keys.validator(clock);
    this.clock = clock;
  }

  /** What a verified signature attests. */
  public record Attestation(String version, String signerNode, long signedAtMillis) {}

  /** True on the national node: the one node whose configured set is signed and in force. */
  public boolean national() {
    return keys.jurisdiction().isEmpty();
  }

  /** True on the national node's writer: the process that signs the set (a read front end holds no sealing key). */
  public boolean signsHere() {
    return national() && !keys.frontEnd();
  }

  /** This national node's signature over the set {@code version}, made now. */
  public MeasuresSignature sign(String version) {
    if (!national()) {
      throw new IllegalStateException("only the national node signs measures (this is " + keys.nodeId() + ")");
    }
    byte[] attestation = MeasuresAttestation.newBuilder().setVersion(version).setSignerNode(keys.nodeId())
        .setSignedAtMillis(clock.millis()).build().toByteArray();
    NodeKeyMaterial.Pairs signer = keys.current();
    MeasuresSignature.Builder signature = MeasuresSignature.newBuilder()
        .setAttestation(ByteString.copyFrom(attestation))
        .setSignature(ByteString.copyFrom(Signatures.sign(signer.sealKey(), attestation)))
        .setAlgorithm(Signatures.algorithm(signer.sealKey()));
    DerChains.encode(signer.sealChain()).forEach(der -> signature.addSignerChain(ByteString.copyFrom(der)));
    return signature.build();
  }

  /**
   * Checks that {@code signature} is a national node's over the set {@code version}.
   *
   * @throws CixException PERMISSION_DENIED naming what does not hold
   */
  public Attestation verify(MeasuresSignature signature, String version) {
    List<X509Certificate> chain;
    CertIdentity signer;
    try {
      chain = DerChains.decode(signature.getSignerChainList().stream().map(ByteString::toByteArray).toList());
      signer = validator.validate(chain, CertificateProfile.SEAL);
    } catch (CertificateException e) {
      throw CixException.permissionDenied("the measures' signer is not certified: " + e.getMessage());
    }
    if (!signer.jurisdiction().isEmpty()) {
      throw CixException.permissionDenied("the measures are signed by " + signer.nodeId().orElse("?")
          + " of jurisdiction " + signer.jurisdiction() + ": only the national node sets the measures");
    }
    if (!Signatures.verify(chain.get(0).getPublicKey(), signature.getAlgorithm(),
        signature.getAttestation().toByteArray(), signature.getSignature().toByteArray())) {
      throw CixException.permissionDenied("the measures' signature does not verify with the signer's sealing key");
    }
    MeasuresAttestation attestation;
    try {
      attestation = MeasuresAttestation.parseFrom(signature.getAttestation());
    } catch (InvalidProtocolBufferException e) {
      throw CixException.permissionDenied("the measures' attestation is unreadable");
    }
    if (!attestation.getVersion().equals(version)
        || !signer.nodeId().map(attestation.getSignerNode()::equals).orElse(false)) {
      throw CixException.permissionDenied("the signature attests measures " + attestation.getVersion() + " by "
          + attestation.getSignerNode() + ", not " + version + " by " + signer.nodeId().orElse("?"));
    }
    return new Attestation(attestation.getVersion(), attestation.getSignerNode(), attestation.getSignedAtMillis());
  }
}
