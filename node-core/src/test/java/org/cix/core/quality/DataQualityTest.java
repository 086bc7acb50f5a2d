package org.cix.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.discipline.MeasuresLoader;
import org.cix.core.node.InMemoryNodeStores;
import org.cix.core.node.NodeServices;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quality queue following the change log, on stores in memory (RecordStoreContract has the rest, on the databases). */
class DataQualityTest {
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  @TempDir Path dir;

  @Test
  void followingEndsBetweenTwoBatches_whenTheNodeStops_andTheNextCallReadsTheRestOnce() {
    NodeServices node = NodeServices.assemble(CATALOG, MeasuresLoader.load(MeasuresLoader.standard(), CATALOG),
        TestPki.create(dir).node("bj-chaoyang", "110105"), InMemoryNodeStores.create(), PilotAllowlist.empty(),
        Clock.systemUTC());
    TestExports.penalties(node, 1, "110105", 4_500);
    int[] asked = new int[1];

    assertThat(node.quality().follow(() -> true)).as("stopping already: nothing read").isZero();
    assertThat(node.quality().follow(() -> asked[0]++ > 0)).as("told to stop after its first batch").isEqualTo(2_000);
    assertThat(node.quality().follow()).as("the rest, from where it ended: the penalties and their department's "
        + "registration").isEqualTo(2_501);
    assertThat(node.quality().follow()).as("nothing read twice").isZero();
  }
}
