package org.cix.core.discipline;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.error.CixException;
import org.cix.proto.v1.MeasuresSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The measures a node applies now. The national node applies its configured set and signs it
 * ({@link MeasuresSignatures}). The set comes down the tree: a child adopts its parent's set when
 * it differs, but only a set the national node signed, not older than the one it applies, that
 * hashes to its version and reads with the child's catalog; it keeps the set and its signature for
 * restarts and tells its listeners (which make the node's own children shake hands again, so the
 * set travels on down, signature and all). Until a signed set arrives, a node applies its own
 * configured set, shown as unsigned.
 */
public final class CurrentMeasures {
  private static final Logger log = LoggerFactory.getLogger(CurrentMeasures.class);

  /** A set in force and the national node's signature over it, if it has one. */
  public record InForce(Measures measures, Optional<MeasuresSignature> signature,
      Optional<MeasuresSignatures.Attestation> attestation) {
    /** Who signed the set, and when; empty for a node's own configured set. */
    public Optional<String> signedBy() {
      return attestation.map(MeasuresSignatures.Attestation::signerNode);
    }

    public Optional<Instant> signedAt() {
      return attestation.map(a -> Instant.ofEpochMilli(a.signedAtMillis()));
    }
  }

  private final AtomicReference<InForce> current;
  private final Catalog catalog;
  private final MeasuresStore store;
  private final MeasuresSignatures signatures;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /**
   * {@code configured} (signed now on the national node's writer; a front end of the national node
   * applies it unsigned: it holds no sealing key and hands nothing down) unless the node adopted a signed set
   * before that still verifies and reads with the catalog.
   */
  public CurrentMeasures(Measures configured, Catalog catalog, MeasuresStore store, MeasuresSignatures signatures) {
    this.catalog = catalog;
    this.store = store;
    this.signatures = signatures;
    this.current = new AtomicReference<>(start(configured));
  }

  private InForce start(Measures configured) {
    if (signatures.signsHere()) {
      MeasuresSignature signature = signatures.sign(configured.version());
      return new InForce(configured, Optional.of(signature),
          Optional.of(signatures.verify(signature, configured.version())));
    }
    Map<String, byte[]> adopted = store.adopted().orElse(Map.of());
    if (adopted.containsKey(MeasuresSignatures.FILE)) {
      try {
        Map<String, byte[]> files = new LinkedHashMap<>(adopted);
        MeasuresSignature signature = MeasuresSignature.parseFrom(files.remove(MeasuresSignatures.FILE));
        Measures measures = MeasuresLoader.load(CatalogSource.of(files, "adopted measures"), catalog);
        MeasuresSignatures.Attestation attestation = signatures.verify(signature, measures.version());
        log.info("applying the measures adopted from the parent, version {}, signed by {}", measures.version(),
            attestation.signerNode());
        return new InForce(measures, Optional.of(signature), Optional.of(attestation));
      } catch (CixException | InvalidProtocolBufferException e) {
        log.warn("the adopted measures no longer verify or read with this catalog; applying the configured ones "
            + "until the parent hands down the national set: {}", e.getMessage());
      }
    } else if (!adopted.isEmpty()) {
      log.warn("the adopted measures carry no national signature (kept by an older version); applying the "
          + "configured ones until the parent hands down the national set");
    }
    return new InForce(configured, Optional.empty(), Optional.empty());
  }

  public Measures get() {
    return current.get().measures();
  }

  /** The set in force with its signature. */
  public InForce inForce() {
    return current.get();
  }

  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /**
   * Adopts the parent's set {@code files} (version {@code version}) unless it is the one applied
   * already signed; returns true when it changed. A set without a national signature, with one
   * older than the set in force, that does not hash to its version or does not read with this
   * node's catalog is refused.
   */
  public boolean offer(String version, Map<String, byte[]> files, Optional<MeasuresSignature> signature) {
    InForce now = current.get();
    if (version.equals(now.measures().version()) && now.signature().isPresent()) {
      return false;
    }
    if (signatures.national()) {
      throw CixException.permissionDenied("the national node applies its own measures");
    }
    if (signature.isEmpty()) {
      throw CixException.permissionDenied("the parent's measures " + version + " carry no national signature");
    }
    MeasuresSignatures.Attestation attestation = signatures.verify(signature.get(), version);
    Measures offered = MeasuresLoader.load(CatalogSource.of(files, "measures from the parent"), catalog);
    if (!offered.version().equals(version)) {
      throw CixException.invalidInput("the parent's measures hash to " + offered.version() + ", not to " + version);
    }
    synchronized (this) {
      InForce before = current.get();
      if (before.attestation().isPresent()
          && attestation.signedAtMillis() < before.attestation().get().signedAtMillis()) {
        throw CixException.permissionDenied("the parent's measures were signed at "
            + Instant.ofEpochMilli(attestation.signedAtMillis()) + ", before the set in force (signed at "
            + before.signedAt().orElseThrow() + "): an older set is not adopted again");
      }
      if (offered.version().equals(before.measures().version()) && before.signature().isPresent()) {
        return false;
      }
      Map<String, byte[]> kept = new LinkedHashMap<>(offered.files());
      kept.put(MeasuresSignatures.FILE, signature.get().toByteArray());
      store.adopt(kept);
      current.set(new InForce(offered, signature, Optional.of(attestation)));
    }
    log.info("adopted the measures \"{}\" version {} ({} measures) signed by {} at {}", offered.name(),
        offered.version(), offered.all().size(), attestation.signerNode(),
        Instant.ofEpochMilli(attestation.signedAtMillis()));
    listeners.forEach(Runnable::run);
    return true;
  }
}
