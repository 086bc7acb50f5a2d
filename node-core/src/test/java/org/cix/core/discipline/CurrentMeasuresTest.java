package org.cix.core.discipline;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogException;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.crypto.sign.Signatures;
import org.cix.proto.v1.MeasuresAttestation;
import org.cix.proto.v1.MeasuresSignature;
import org.cix.testing.MovableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adopting the parent's measures: only a set the national node signed, not older than the one in
 * force, that reads with this catalog and hashes to its version.
 */
class CurrentMeasuresTest {
  static final Fault BAD_MEASURES = new Fault(
      "a parent's measures a child cannot read, or that do not hash to the version announced",
      "refused; the child keeps its own set");
  static final Fault FORGED_MEASURES = new Fault(
      "a parent hands down measures without the national signature, signed by a city, signed for another set, "
          + "or an older signed set (a rollback)",
      "refused with the reason; the child keeps the set in force");
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final Measures STANDARD = MeasuresLoader.load(MeasuresLoader.standard(), CATALOG);
  @TempDir static Path dir;
  private static TestPki pki;
  private static NodeKeyMaterial national;
  private static NodeKeyMaterial city;
  private static NodeKeyMaterial district;
  private final Instant start = Instant.now();
  private final MovableClock clock = new MovableClock(start);

  @BeforeAll
  static void pki() {
    pki = TestPki.create(dir);
    national = pki.node("cn", "");
    city = pki.node("bj", "1101");
    district = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
  }

  private MeasuresSignature nationalSignature(String version) {
    return new MeasuresSignatures(national, clock).sign(version);
  }

  private CurrentMeasures atDistrict(Kept kept) {
    return new CurrentMeasures(STANDARD, CATALOG, kept, new MeasuresSignatures(district, clock));
  }

  /** Adopted files in a map. */
  private static final class Kept implements MeasuresStore {
    Map<String, byte[]> files = Map.of();

    @Override
    public Optional<Map<String, byte[]>> adopted() {
      return files.isEmpty() ? Optional.empty() : Optional.of(files);
    }

    @Override
    public void adopt(Map<String, byte[]> files) {
      this.files = Map.copyOf(files);
    }
  }

  /** The standard files with the red-list incentives left out: another valid set. */
  private static Map<String, byte[]> smaller() {
    Map<String, byte[]> files = new LinkedHashMap<>(STANDARD.files());
    files.remove("red-list-incentives.yaml");
    files.put("measures.yaml", new String(files.get("measures.yaml"), StandardCharsets.UTF_8)
        .replace("  - red-list-incentives.yaml\n", "").getBytes(StandardCharsets.UTF_8));
    return files;
  }

  @Test
  void aSignedSetIsAdoptedKeptAndAnnounced_theSameSignedVersionChangesNothing() {
    Kept kept = new Kept();
    CurrentMeasures current = atDistrict(kept);
    AtomicInteger changes = new AtomicInteger();
    current.onChange(changes::incrementAndGet);
    Measures smaller = MeasuresLoader.load(CatalogSource.of(smaller(), "test"), CATALOG);
    assertThat(current.inForce().signedBy()).as("its own configuration, unsigned").isEmpty();

    clock.advance(Duration.ofMinutes(1));
    MeasuresSignature signed = nationalSignature(smaller.version());
    assertThat(current.offer(smaller.version(), smaller(), Optional.of(signed))).isTrue();
    assertThat(current.offer(smaller.version(), smaller(), Optional.of(signed))).isFalse();

    assertThat(current.get().version()).isEqualTo(smaller.version());
    assertThat(STANDARD.all()).anyMatch(m -> m.kind() == MeasureKind.REWARD);
    assertThat(current.get().all()).as("the red-list incentives are gone").noneMatch(m -> m.kind() == MeasureKind.REWARD);
    assertThat(kept.files).containsKeys("measures.yaml").doesNotContainKey("red-list-incentives.yaml");
    assertThat(changes).hasValue(1);
    assertThat(current.inForce().signedBy()).contains("cn");
    assertThat(current.inForce().signedAt()).contains(Instant.ofEpochMilli(start.plus(Duration.ofMinutes(1)).toEpochMilli()));
    CurrentMeasures restarted = atDistrict(kept);
    assertThat(restarted.get().version()).as("after a restart").isEqualTo(smaller.version());
    assertThat(restarted.inForce().signature()).contains(signed);
  }

  @Test
  void theNationalNode_signsItsConfiguredSet() {
    CurrentMeasures current = new CurrentMeasures(STANDARD, CATALOG, new Kept(), new MeasuresSignatures(national,
        clock));

    assertThat(current.get().version()).isEqualTo(STANDARD.version());
    assertThat(current.inForce().signedBy()).contains("cn");
  }

  @Test
  void unsignedCitySignedMisattestedOrOlderSets_areRefused_andTheSetInForceStays() {
    FORGED_MEASURES.inflicted();
    Kept kept = new Kept();
    CurrentMeasures current = atDistrict(kept);
    Measures smaller = MeasuresLoader.load(CatalogSource.of(smaller(), "test"), CATALOG);
    MeasuresSignature older = nationalSignature(smaller.version());
    clock.advance(Duration.ofHours(1));
    MeasuresSignature newer = nationalSignature(STANDARD.version());
    current.offer(STANDARD.version(), STANDARD.files(), Optional.of(newer));

    assertThatThrownBy(() -> current.offer(smaller.version(), smaller(), Optional.empty()))
        .hasMessageContaining("carry no national signature");
    assertThatThrownBy(() -> current.offer(smaller.version(), smaller(), Optional.of(citySignature(smaller.version()))))
        .hasMessageContaining("signed by bj of jurisdiction 1101: only the national node sets the measures");
    assertThatThrownBy(() -> current.offer(smaller.version(), smaller(), Optional.of(newer)))
        .hasMessageContaining("the signature attests measures " + STANDARD.version());
    assertThatThrownBy(() -> current.offer(smaller.version(), smaller(), Optional.of(older)))
        .hasMessageContaining("an older set is not adopted again");

    assertThat(current.get().version()).isEqualTo(STANDARD.version());
    assertThat(current.inForce().signature()).contains(newer);
  }

  /** What a compromised city would hand down: its own signature over its own set. */
  private MeasuresSignature citySignature(String version) {
    byte[] attestation = MeasuresAttestation.newBuilder().setVersion(version).setSignerNode("bj")
        .setSignedAtMillis(clock.millis()).build().toByteArray();
    MeasuresSignature.Builder signature = MeasuresSignature.newBuilder()
        .setAttestation(ByteString.copyFrom(attestation))
        .setSignature(ByteString.copyFrom(Signatures.sign(city.sealKey(), attestation)))
        .setAlgorithm(Signatures.algorithm(city.sealKey()));
    DerChains.encode(city.sealChain()).forEach(der -> signature.addSignerChain(ByteString.copyFrom(der)));
    return signature.build();
  }

  @Test
  void aSetThatDoesNotHashToItsVersion_orDoesNotRead_isRefused_andTheCurrentOneStays() {
    BAD_MEASURES.inflicted();
    Kept kept = new Kept();
    CurrentMeasures current = atDistrict(kept);

    assertThatThrownBy(() -> current.offer("0".repeat(64), smaller(), Optional.of(nationalSignature("0".repeat(64)))))
        .hasMessageContaining("hash to");
    Map<String, byte[]> unreadable = new LinkedHashMap<>(smaller());
    unreadable.put("serious-dishonesty.yaml", new String(unreadable.get("serious-dishonesty.yaml"),
        StandardCharsets.UTF_8).replace("{type: serious-dishonesty}", "{type: gossip}").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> current.offer("1".repeat(64), unreadable, Optional.of(nationalSignature("1".repeat(64)))))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("'gossip' is not a type");

    assertThat(current.get().version()).isEqualTo(STANDARD.version());
    assertThat(kept.files).isEmpty();
  }
}
