package org.cix.core.sync;

import com.google.protobuf.ByteString;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cix.core.seal.OriginCertificates;
import org.cix.core.seal.SealVerdict;
import org.cix.core.seal.SealVerifier;
import org.cix.crypto.hash.Hashes;
import org.cix.crypto.pki.DerChains;
import org.cix.proto.v1.Bundle;
import org.cix.proto.v1.CertificateChain;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealHeader;

/**
 * The seals of one received bundle: each verified once as of now against the origin chain shipped
 * beside it (or held here), with its verdict by seal id (the verified header, or the refusal);
 * a seal that does not hold now may be checked again as of an earlier time a relay proved (the
 * origin's certificate expired or was superseded since). Keeps what the store must keep: the
 * seals that verified and the origin chains they used.
 */
final class BundleSeals {
  private final SealVerifier verifier;
  private final OriginCertificates held;
  private final SealVerdict.Cache verdicts = new SealVerdict.Cache();
  private final Map<String, Seal> byId = new HashMap<>();
  private final Map<String, List<X509Certificate>> shipped;
  private final Set<Seal> kept = new LinkedHashSet<>();
  private final Set<String> chainsUsed = new LinkedHashSet<>();
  private final Map<String, Optional<SealHeader>> earlier = new HashMap<>();

  /** {@code held}: the origin chains this node holds, for seals whose chain is not in the bundle. */
  BundleSeals(Bundle bundle, SealVerifier verifier, OriginCertificates held) {
    this.verifier = verifier;
    this.held = held;
    this.shipped = chains(bundle);
    for (Seal seal : bundle.getSealsList()) {
      String id = sealIdOf(seal);
      byId.putIfAbsent(id, seal);
      try {
        SealHeader verified = verify(seal, Optional.empty());
        verdicts.put(verified.getSealId(), SealVerdict.verified(verified));
        kept.add(seal);
      } catch (SealVerifier.Failure e) {
        verdicts.putIfAbsent(id, SealVerdict.refused(e.getMessage()));
      }
    }
  }

  /** By seal id, its verified header or its refusal, as of now. */
  SealVerdict.Cache verdicts() {
    return verdicts;
  }

  /**
   * The header of seal {@code sealId} verified as of {@code at}, when its origin's certificate as
   * it stood then proves it; the seal and its chain are then kept.
   */
  Optional<SealHeader> asOf(String sealId, Instant at) {
    return earlier.computeIfAbsent(sealId + "@" + at.toEpochMilli(), key -> {
      Seal seal = byId.get(sealId);
      if (seal == null) {
        return Optional.empty();
      }
      try {
        SealHeader header = verify(seal, Optional.of(at));
        kept.add(seal);
        return Optional.of(header);
      } catch (SealVerifier.Failure e) {
        return Optional.empty();
      }
    });
  }

  /** The seals that verified (now, or as of an earlier proven time). */
  List<Seal> kept() {
    return new ArrayList<>(kept);
  }

  /** The shipped origin chains that a kept seal used. */
  List<List<X509Certificate>> originsUsed() {
    return chainsUsed.stream().map(shipped::get).toList();
  }

  private SealHeader verify(Seal seal, Optional<Instant> at) throws SealVerifier.Failure {
    SealHeader header = SealVerifier.header(seal);
    String certificate = Hashes.hex(header.getOriginCertSha256().toByteArray());
    List<X509Certificate> chain = shipped.get(certificate);
    SealHeader verified = chain != null ? verifier.verify(seal, chain, at) : verifier.verify(seal, held, at);
    if (chain != null) {
      chainsUsed.add(certificate);
    }
    return verified;
  }

  private static Map<String, List<X509Certificate>> chains(Bundle bundle) {
    Map<String, List<X509Certificate>> chains = new HashMap<>();
    for (CertificateChain chain : bundle.getOriginsList()) {
      try {
        List<X509Certificate> certificates = DerChains.decode(
            chain.getCertificatesList().stream().map(ByteString::toByteArray).toList());
        if (!certificates.isEmpty()) {
          chains.put(Hashes.hex(Hashes.sha256(certificates.get(0).getEncoded())), certificates);
        }
      } catch (CertificateException e) {
        // a chain that does not parse helps no seal; the seals that need it fail on their own
      }
    }
    return chains;
  }

  private static String sealIdOf(Seal seal) {
    try {
      return SealVerifier.header(seal).getSealId();
    } catch (SealVerifier.Failure e) {
      return "";
    }
  }
}
