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
import org.junit.jupiter.api.Test;

/** Adopting the parent's measures: only a set that reads with this catalog and hashes to its version. */
class CurrentMeasuresTest {
  static final Fault BAD_MEASURES = new Fault(
      "a parent's measures a child cannot read, or that do not hash to the version announced",
      "refused; the child keeps its own set");
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final Measures STANDARD = MeasuresLoader.load(MeasuresLoader.standard(), CATALOG);

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
  void aValidSetIsAdoptedKeptAndAnnounced_theSameVersionChangesNothing() {
    Kept kept = new Kept();
    CurrentMeasures current = new CurrentMeasures(STANDARD, CATALOG, kept);
    AtomicInteger changes = new AtomicInteger();
    current.onChange(changes::incrementAndGet);
    Measures smaller = MeasuresLoader.load(CatalogSource.of(smaller(), "test"), CATALOG);

    assertThat(current.offer(STANDARD.version(), STANDARD.files())).isFalse();
    assertThat(current.offer(smaller.version(), smaller())).isTrue();

    assertThat(current.get().version()).isEqualTo(smaller.version());
    assertThat(STANDARD.all()).anyMatch(m -> m.kind() == MeasureKind.REWARD);
    assertThat(current.get().all()).as("the red-list incentives are gone").noneMatch(m -> m.kind() == MeasureKind.REWARD);
    assertThat(kept.files).containsKeys("measures.yaml").doesNotContainKey("red-list-incentives.yaml");
    assertThat(changes).hasValue(1);
    assertThat(new CurrentMeasures(STANDARD, CATALOG, kept).get().version()).as("after a restart")
        .isEqualTo(smaller.version());
  }

  @Test
  void aSetThatDoesNotHashToItsVersion_orDoesNotRead_isRefused_andTheCurrentOneStays() {
    BAD_MEASURES.inflicted();
    Kept kept = new Kept();
    CurrentMeasures current = new CurrentMeasures(STANDARD, CATALOG, kept);

    assertThatThrownBy(() -> current.offer("0".repeat(64), smaller())).hasMessageContaining("hash to");
    Map<String, byte[]> unreadable = new LinkedHashMap<>(smaller());
    unreadable.put("serious-dishonesty.yaml", new String(unreadable.get("serious-dishonesty.yaml"),
        StandardCharsets.UTF_8).replace("{type: serious-dishonesty}", "{type: gossip}").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> current.offer("1".repeat(64), unreadable)).isInstanceOf(CatalogException.class)
        .hasMessageContaining("'gossip' is not a type");

    assertThat(current.get().version()).isEqualTo(STANDARD.version());
    assertThat(kept.files).isEmpty();
  }
}
