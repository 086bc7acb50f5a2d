package org.cix.core.profile;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.cix.core.seal.OriginCertificates;
import org.cix.core.seal.SealVerifier;
import org.cix.core.store.RecordStore;
import org.cix.core.store.StoredVersion;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealHeader;

/** Verifies stored versions against their seals, each seal once per check run. */
public final class SealChecks {
  public static final String VERIFIED = "verified";

  private final RecordStore store;
  private final SealVerifier verifier;
  private final OriginCertificates origins;
  private final Map<String, Object> headers = new HashMap<>();

  public SealChecks(RecordStore store, SealVerifier verifier, OriginCertificates origins) {
    this.store = store;
    this.verifier = verifier;
    this.origins = origins;
  }

  /** {@link #VERIFIED}, or why the seal or the proof does not verify. */
  public String check(StoredVersion stored) {
    String sealId = stored.proof().getSealId();
    Object header = headers.computeIfAbsent(sealId, id -> verifySeal(id, stored.version().body().getOriginNode()));
    if (header instanceof String failure) {
      return failure;
    }
    try {
      SealVerifier.prove((SealHeader) header, stored.proof(), stored.version());
      return VERIFIED;
    } catch (SealVerifier.Failure e) {
      return e.getMessage();
    }
  }

  private Object verifySeal(String sealId, String origin) {
    Optional<Seal> seal = store.seal(sealId);
    if (seal.isEmpty()) {
      return "seal " + sealId + " missing";
    }
    try {
      SealHeader header = verifier.verify(seal.get(), origins);
      if (!header.getOriginNode().equals(origin)) {
        return "sealed by " + header.getOriginNode() + ", not by its origin " + origin;
      }
      return header;
    } catch (SealVerifier.Failure e) {
      return e.getMessage();
    }
  }
}
