package org.cix.core.profile;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cix.core.seal.OriginCertificates;
import org.cix.core.seal.SealVerdict;
import org.cix.core.seal.SealVerifier;
import org.cix.core.seal.VerifiedSeals;
import org.cix.core.store.RecordStore;
import org.cix.core.store.StoredVersion;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealHeader;

/**
 * Verifies stored versions against their seals, each seal once per time (and once per check run
 * when it does not verify): as of when
 * the version was proven to exist (stored here, or earlier at a relay that signed its receipt),
 * so that records sealed before their origin's key was superseded or expired keep their proof.
 */
public final class SealChecks {
  public static final String VERIFIED = "verified";

  private final RecordStore store;
  private final SealVerifier verifier;
  private final OriginCertificates origins;
  private final VerifiedSeals verified;
  private final SealVerdict.Cache headers = new SealVerdict.Cache();

  /** {@code verified}: the seals the node verified before, shared by every run of checks. */
  public SealChecks(RecordStore store, SealVerifier verifier, OriginCertificates origins, VerifiedSeals verified) {
    this.store = store;
    this.verifier = verifier;
    this.origins = origins;
    this.verified = verified;
  }

  /** {@link #VERIFIED}, or why the seal or the proof does not verify. */
  public String check(StoredVersion stored) {
    String sealId = stored.proof().getSealId();
    Instant provenAt = provenAt(stored);
    String origin = stored.version().body().getOriginNode();
    String key = VerifiedSeals.key(sealId, provenAt.toEpochMilli(), origin);
    long trust = verified.trust();
    SealVerdict verdict = verified.get(key).map(SealVerdict::verified).orElseGet(() -> {
      SealVerdict checked = headers.computeIfAbsent(key, k -> verifySeal(sealId, origin, provenAt));
      checked.verified().ifPresent(header -> verified.put(key, header, trust));
      return checked;
    });
    if (verdict instanceof SealVerdict.Refused refused) {
      return refused.reason();
    }
    try {
      SealVerifier.prove(verdict.verified().orElseThrow(), stored.proof(), stored.version());
      return VERIFIED;
    } catch (SealVerifier.Failure e) {
      return e.getMessage();
    }
  }

  /**
   * The earliest time {@code stored} is proven to have existed: when this node stored it, or a
   * relay on its way stored it (each relay's time is under its receipt, checked on arrival; the
   * origin's own time, first, is only its word).
   */
  static Instant provenAt(StoredVersion stored) {
    long earliest = stored.receivedAtMillis();
    List<Long> times = stored.provenance().hopTimes();
    for (int i = 1; i < times.size(); i++) {
      earliest = Math.min(earliest, times.get(i));
    }
    return Instant.ofEpochMilli(earliest);
  }

  private SealVerdict verifySeal(String sealId, String origin, Instant provenAt) {
    Optional<Seal> seal = store.seal(sealId);
    if (seal.isEmpty()) {
      return SealVerdict.refused("seal " + sealId + " missing");
    }
    try {
      SealHeader header = verifier.verify(seal.get(), origins, Optional.of(provenAt));
      if (!header.getOriginNode().equals(origin)) {
        return SealVerdict.refused("sealed by " + header.getOriginNode() + ", not by its origin " + origin);
      }
      return SealVerdict.verified(header);
    } catch (SealVerifier.Failure e) {
      return SealVerdict.refused(e.getMessage());
    }
  }
}
