package org.cix.core.seal;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.cix.core.record.RecordVersion;
import org.cix.crypto.hash.Hashes;
import org.cix.crypto.merkle.MerkleTree;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.sign.Signatures;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealHeader;
import org.cix.proto.v1.SealProof;

/**
 * Seals batches of this node's record versions: an RFC 6962 Merkle tree over the versions'
 * hashes, its root in a header signed once with the node's sealing key (DESIGN.md section 4).
 */
public final class Sealer {
  private final NodeKeyMaterial keys;
  /** The hash of the sealing certificate in force, computed once per renewal. */
  private volatile Signing signing;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public Sealer(NodeKeyMaterial keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** A sealing key and the hash of its certificate, taken from one snapshot of the keys. */
  private record Signing(NodeKeyMaterial.Pairs pairs, byte[] certificateHash) {}

  private Signing signing() {
    NodeKeyMaterial.Pairs now = keys.current();
    Signing last = signing;
    if (last == null || last.pairs() != now) {
      last = new Signing(now, certificateHash(now.sealChain().get(0)));
      signing = last;
    }
    return last;
  }

  /** SHA-256 of a certificate's DER: how a seal names its origin's sealing certificate. */
  public static byte[] certificateHash(X509Certificate certificate) {
    try {
      return Hashes.sha256(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  public SealedBatch seal(List<RecordVersion> versions) {
    List<byte[]> items = new ArrayList<>(versions.size());
    for (RecordVersion version : versions) {
      items.add(version.sha256());
    }
    Sealed sealed = sign(items, false);
    return new SealedBatch(sealed.seal(), sealed.header(), versions, sealed.proofs());
  }

  /** A seal, its header and a proof per item, in order. */
  public record Sealed(Seal seal, SealHeader header, List<SealProof> proofs) {}

  /**
   * This node's receipt over hop leaves ({@link org.cix.core.sync.HopPath}): signed like a seal,
   * marked a receipt, so that no receipt can stand for an origin's seal of records.
   */
  public Sealed receipt(List<byte[]> hopLeaves) {
    return sign(hopLeaves, true);
  }

  private Sealed sign(List<byte[]> items, boolean receipt) {
    List<byte[]> leaves = new ArrayList<>(items.size());
    for (byte[] item : items) {
      leaves.add(MerkleTree.leafHash(item));
    }
    MerkleTree tree = MerkleTree.of(leaves);
    Signing with = signing();
    byte[] id = new byte[16];
    random.nextBytes(id);
    SealHeader header = SealHeader.newBuilder()
        .setSealId(HexFormat.of().formatHex(id))
        .setOriginNode(keys.nodeId())
        .setOriginJurisdiction(keys.jurisdiction())
        .setSealedAtMillis(clock.millis())
        .setLeafCount(items.size())
        .setRoot(ByteString.copyFrom(tree.root()))
        .setAlgorithm(Signatures.algorithm(with.pairs().sealKey()))
        .setOriginCertSha256(ByteString.copyFrom(with.certificateHash()))
        .setReceipt(receipt)
        .build();
    byte[] headerBytes = header.toByteArray();
    Seal seal = Seal.newBuilder()
        .setHeader(ByteString.copyFrom(headerBytes))
        .setSignature(ByteString.copyFrom(Signatures.sign(with.pairs().sealKey(), headerBytes)))
        .build();
    List<SealProof> proofs = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      SealProof.Builder proof = SealProof.newBuilder().setSealId(header.getSealId()).setLeafIndex(i);
      for (byte[] hash : tree.auditPath(i)) {
        proof.addPath(ByteString.copyFrom(hash));
      }
      proofs.add(proof.build());
    }
    return new Sealed(seal, header, proofs);
  }
}
