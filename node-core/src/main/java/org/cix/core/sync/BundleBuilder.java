package org.cix.core.sync;

import com.google.protobuf.ByteString;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cix.core.seal.SealVerifier;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.sign.Signatures;
import org.cix.proto.v1.Bundle;
import org.cix.proto.v1.BundleHeader;
import org.cix.proto.v1.BundleItem;
import org.cix.proto.v1.CertificateChain;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealHeader;

/**
 * Builds the bundles a node sends: the items with their proofs and hops, every seal they need
 * once, the origins' certificate chains, and a header over it all signed with this node's
 * sealing key.
 */
public final class BundleBuilder {
  private final NodeKeyMaterial keys;
  private final ExchangeStore store;
  private final String catalogVersion;
  private final Clock clock;

  public BundleBuilder(NodeKeyMaterial keys, ExchangeStore store, String catalogVersion, Clock clock) {
    this.keys = keys;
    this.store = store;
    this.catalogVersion = catalogVersion;
    this.clock = clock;
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
      List<Long> times = hopTimes(version);
      bundle.addItems(BundleItem.newBuilder()
          .setSeq(version.seq())
          .setBody(ByteString.copyFrom(version.body()))
          .setProof(version.proof())
          .addAllHops(version.hops())
          .addAllHopTimes(times));
      digest.add(version.seq(), version.sha256(), version.hops(), times);
      sealIds.add(version.proof().getSealId());
    }
    Map<String, Seal> seals = store.seals(sealIds);
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
