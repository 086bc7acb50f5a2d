package org.cix.federation;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.catalog.ShippedConf;
import org.cix.core.sync.LedgerEntry;
import org.cix.core.sync.LoggedVersion;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.server.FederationNode;
import org.cix.storage.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a catalog where penalties are not shared, a district's penalties never cross a link: not in
 * any bundle sent (the exchange ledger counts every type sent and received) nor in any other
 * node's store, while its list entries flow as usual.
 */
@Timeout(120)
class NotSharedOnTheWireTest {
  static final Fault NOT_SHARED = new Fault(
      "a type the catalog marks not-shared, ingested at a district",
      "never in any bundle nor in any other node's store; refused on receipt (not_shared) if a "
          + "sender tried");
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();


  private Catalog penaltiesNotShared() throws Exception {
    Path catalog = ShippedConf.copy("catalog", dir.resolve("catalog"));
    Path penalty = catalog.resolve("administrative-penalty.yaml");
    Files.writeString(penalty, Files.readString(penalty).replace("sharing: unconditional", "sharing: not-shared"));
    return CatalogLoader.load(CatalogSource.directory(catalog));
  }

  @Test
  void notSharedRecords_neverLeaveTheirNode_sharedOnesDo() throws Exception {
    NOT_SHARED.inflicted();
    Catalog catalog = penaltiesNotShared();
    TestPki pki = TestPki.create(dir.resolve("pki"));
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    NodeKeyMaterial chaoyangKeys = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    NodeKeyMaterial dongchengKeys = pki.node(pki.caOf("bj"), "bj-dongcheng", "110101");
    for (NodeKeyMaterial keys : List.of(cnKeys, bjKeys, chaoyangKeys, dongchengKeys)) {
      TestNodes.services(keys, Database.Engine.H2, catalog);
    }
    FederationNode cn = running.start(cnKeys, Optional.empty());
    FederationNode bj = running.start(bjKeys, Optional.of(cn));
    running.start(chaoyangKeys, Optional.of(bj));
    running.start(dongchengKeys, Optional.of(bj));

    TestExports.penalties(TestNodes.services(chaoyangKeys), 41, "110105", 50);
    TestExports.listings(TestNodes.services(chaoyangKeys), 42, "110105", 1, 3);
    // the listings and the registration of the department that decided them (and the penalties)
    await().atMost(BOUND).until(() -> types(cnKeys).size() == 4 && types(dongchengKeys).size() == 4);

    for (NodeKeyMaterial other : List.of(cnKeys, bjKeys, dongchengKeys)) {
      assertThat(types(other)).as(other.nodeId()).containsOnly("serious-dishonesty", "department");
      assertThat(TestNodes.services(other).exchange().ledger(1000)).as(other.nodeId())
          .allSatisfy(e -> assertThat(e.byType()).doesNotContainKey("administrative-penalty"));
    }
    // a sent bundle enters the sender's ledger when its acknowledgement comes back, just after the receiver stored it
    await().atMost(BOUND).until(() -> !sent(chaoyangKeys).isEmpty());
    assertThat(sent(chaoyangKeys)).allSatisfy(e -> assertThat(e.byType().keySet())
        .isSubsetOf("serious-dishonesty", "department"));
    assertThat(types(chaoyangKeys)).filteredOn("administrative-penalty"::equals).hasSize(50);
  }

  private static List<LedgerEntry> sent(NodeKeyMaterial keys) {
    return TestNodes.services(keys).exchange().ledger(1000).stream()
        .filter(e -> e.direction() == LedgerEntry.Direction.SENT).toList();
  }

  private static List<String> types(NodeKeyMaterial keys) {
    return TestNodes.services(keys).exchange().changesAfter(0, 10_000).stream().map(LoggedVersion::type).toList();
  }
}
