package org.cix.core.sync;

import com.google.protobuf.ByteString;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cix.core.seal.SealVerifier;
import org.cix.core.seal.Sealer;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.sign.Signatures;
import org.cix.proto.v1.Bundle;
import org.cix.proto.v1.BundleHeader;
import org.cix.proto.v1.BundleItem;
import org.cix.proto.v1.CertificateChain;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealHeader;
import org.cix.proto.v1.SealProof;

/**
 * Builds the bundles a node sends: the items with their proofs, hops and hop proofs, every seal
 * and receipt they need once, the certificate chains of their origins and relays, and a header
 * over it all signed with this node's sealing key.
 *
 * <p>A version stored before receipts existed has no hop proofs: it goes with the path this node
 * can vouch for, its origin then this node, under a receipt this node signs for the bundle.
 */
public final class BundleBuilder {
  private final NodeKeyMaterial keys;
  private final ExchangeStore store;
  private final String catalogVersion;
  private final Sealer sealer;
  private final Clock clock;

  public BundleBuilder(NodeKeyMaterial keys, ExchangeStore store, String catalogVersion, Clock clock) {
    this.keys = keys;
    this.store = store;
    this.catalogVersion = catalogVersion;
    this.sealer = new Sealer(keys, clock);
    this.clock = clock;
  }

  /** What an item says of its path: the hops before this node, the times (then this node's), the proofs. */
  private record Path(List<String> hops, List<Long> times, List<SealProof> proofs) {}

  /** True for a relayed version kept without hop proofs (stored before receipts existed). */
  private static boolean unproven(LoggedVersion version) {
    return !version.hops().isEmpty() && version.hopProofs().size() != version.hops().size();
  }

  /** When the version was stored at each node it passed and here; empty when a time is not known. */
  private static List<Long> hopTimes(LoggedVersion version) {
    if (version.hopTimes().size() != version.hops().size()) {
      return List.of();
    }
    List<Long> times = new java.util.ArrayList<>(version.hopTimes());
    times.add(version.storedAtMillis());
    return times;
  }

  /** A bundle to {@code receiver} covering the sender's sequences {@code firstSeq..lastSeq}. */
  public Bundle build(String receiver, long firstSeq, long lastSeq, List<LoggedVersion> versions) {
    Bundle.Builder bundle = Bundle.newBuilder();
    ItemDigest digest = new ItemDigest();
    Set<String> sealIds = new LinkedHashSet<>();
    for (LoggedVersion version : versions) {
      sealIds.add(version.proof().getSealId());
      version.hopProofs().forEach(p -> sealIds.add(p.getSealId()));
    }
    Map<String, Seal> seals = new LinkedHashMap<>(store.seals(sealIds));
    List<Path> paths = paths(versions, seals, sealIds);
    for (int i = 0; i < versions.size(); i++) {
      LoggedVersion version = versions.get(i);
      Path path = paths.get(i);
      bundle.addItems(BundleItem.newBuilder()
          .setSeq(version.seq())
          .setBody(ByteString.copyFrom(version.body()))
          .setProof(version.proof())
          .addAllHops(path.hops())
          .addAllHopTimes(path.times())
          .addAllHopProofs(path.proofs()));
      digest.add(version.seq(), version.sha256(), path.hops(), path.times());
    }
    Map<ByteString, CertificateChain> origins = new LinkedHashMap<>();
    for (String sealId : sealIds) {
      Seal seal = seals.get(sealId);
      if (seal == null) {
        throw new IllegalStateException("seal " + sealId + " is missing from the store");
      }
      bundle.addSeals(seal);
      ByteString certHash = header(seal).getOriginCertSha256();
      if (!origins.containsKey(certHash)) {
        store.sealChain(certHash.toByteArray()).ifPresent(chain -> origins.put(certHash, encode(chain)));
      }
    }
    bundle.addAllOrigins(origins.values());
    byte[] header = BundleHeader.newBuilder()
        .setSender(keys.nodeId())
        .setReceiver(receiver)
        .setFirstSeq(firstSeq)
        .setLastSeq(lastSeq)
        .setCatalogVersion(catalogVersion)
        .setSentAtMillis(clock.millis())
        .setItemCount(versions.size())
        .setItemsSha256(ByteString.copyFrom(digest.finish()))
        .setAlgorithm(Signatures.algorithm(keys.sealKey()))
        .build().toByteArray();
    return bundle.setHeader(ByteString.copyFrom(header))
        .setSignature(ByteString.copyFrom(Signatures.sign(keys.sealKey(), header)))
        .build();
  }

  /**
   * Each version's path as sent; versions kept without hop proofs get the path origin then this
   * node, under one receipt signed now (added to {@code seals} and {@code sealIds}).
   */
  private List<Path> paths(List<LoggedVersion> versions, Map<String, Seal> seals, Set<String> sealIds) {
    List<byte[]> leaves = new ArrayList<>();
    List<Path> paths = new ArrayList<>(versions.size());
    for (LoggedVersion version : versions) {
      if (!unproven(version)) {
        paths.add(new Path(version.hops(), hopTimes(version), version.hopProofs()));
        continue;
      }
      long atOrigin = version.hopTimes().isEmpty()
          ? header(seals.get(version.proof().getSealId())).getSealedAtMillis() : version.hopTimes().get(0);
      leaves.add(HopPath.leaf(version.sha256(), HopPath.start(version.sha256(), version.originNode(), atOrigin),
          keys.nodeId(), version.storedAtMillis()));
      paths.add(new Path(List.of(version.originNode()), List.of(atOrigin, version.storedAtMillis()), null));
    }
    if (leaves.isEmpty()) {
      return paths;
    }
    Sealer.Sealed receipt = sealer.receipt(leaves);
    seals.put(receipt.header().getSealId(), receipt.seal());
    sealIds.add(receipt.header().getSealId());
    int next = 0;
    for (int i = 0; i < paths.size(); i++) {
      Path path = paths.get(i);
      if (path.proofs() == null) {
        paths.set(i, new Path(path.hops(), path.times(), List.of(receipt.proofs().get(next++))));
      }
    }
    return paths;
  }

  private static SealHeader header(Seal seal) {
    try {
      return SealVerifier.header(seal);
    } catch (SealVerifier.Failure e) {
      throw new IllegalStateException("a stored seal header is unreadable", e);
    }
  }

  /** A certificate chain as it travels: DER, leaf first. */
  public static CertificateChain encode(List<X509Certificate> chain) {
    CertificateChain.Builder encoded = CertificateChain.newBuilder();
    DerChains.encode(chain).forEach(der -> encoded.addCertificates(ByteString.copyFrom(der)));
    return encoded.build();
  }
}
