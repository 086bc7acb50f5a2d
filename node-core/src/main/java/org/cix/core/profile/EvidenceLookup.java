package org.cix.core.profile;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.seal.OriginCertificates;
import org.cix.core.seal.SealVerifier;
import org.cix.core.store.RecordStore;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealHeader;

/**
 * The evidence of the records a node holds, from its store: the seal of each version and the
 * origin's sealing chain (kept per certificate for the lookup's life).
 */
public final class EvidenceLookup {
  private final RecordStore store;
  private final OriginCertificates origins;
  private final Map<String, Optional<List<X509Certificate>>> chains = new HashMap<>();
  private final Map<String, Optional<Seal>> seals = new HashMap<>();

  public EvidenceLookup(RecordStore store, OriginCertificates origins) {
    this.store = store;
    this.origins = origins;
  }

  /** The entry's evidence: what came with it, else what the store holds; empty when the seal or chain is missing. */
  public synchronized Optional<Evidence> of(ProfileEntry entry) {
    if (entry.evidence().isPresent()) {
      return entry.evidence();
    }
    String sealId = entry.stored().proof().getSealId();
    Optional<Seal> seal = seals.computeIfAbsent(sealId, store::seal);
    if (seal.isEmpty()) {
      return Optional.empty();
    }
    SealHeader header;
    try {
      header = SealVerifier.header(seal.get());
    } catch (SealVerifier.Failure e) {
      return Optional.empty();
    }
    byte[] certSha = header.getOriginCertSha256().toByteArray();
    Optional<List<X509Certificate>> chain = chains.computeIfAbsent(HexFormat.of().formatHex(certSha),
        k -> origins.sealChain(certSha));
    return chain.map(c -> new Evidence(entry.stored().version().sha256(), entry.stored().proof(), seal.get(), c));
  }

  /** {@code entry} with its evidence attached when it can be found. */
  public ProfileEntry attach(ProfileEntry entry) {
    return of(entry).map(entry::withEvidence).orElse(entry);
  }
}
