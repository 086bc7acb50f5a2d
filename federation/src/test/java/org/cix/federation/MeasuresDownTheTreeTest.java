package org.cix.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.catalog.ShippedConf;
import org.cix.core.discipline.CheckRequest;
import org.cix.core.discipline.Decision;
import org.cix.core.discipline.Measures;
import org.cix.core.discipline.MeasuresLoader;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.federation.server.FederationNode;
import org.cix.core.link.LinkState;
import org.cix.federation.link.LinkDirection;
import org.cix.reliability.Fault;
import org.cix.storage.Database;
import org.cix.storage.JdbcStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The national node's measures reach every node in the link handshake: a district started with
 * the standard set applies the national one (a measure the standard set does not have), keeps it
 * for restarts, and a grandchild gets it through its city.
 */
@Timeout(120)
class MeasuresDownTheTreeTest {
  static final Fault TAMPERED_MEASURES = new Fault(
      "a city configured with a copy of the measures without the procurement ban, linked to a district",
      "the district does not adopt it (not signed by the national node) and still answers RESTRICT; once the "
          + "city links to the national node, it applies the national set itself");
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path dir;
  @RegisterExtension final RunningNodes running = new RunningNodes();


  /** The standard set plus a memorandum barring listed subjects from export licences. */
  private Measures national() throws Exception {
    Path measures = ShippedConf.copy("measures", dir.resolve("measures"));
    Files.writeString(measures.resolve("export-control.yaml"), """
        id: export-control
        title: 关于对严重失信主体实施出口管制联合惩戒的合作备忘录（测试）
        title-en: Memorandum on export licences for seriously dishonest subjects (test)
        document: 测试〔2026〕1号
        measures:
          - id: ec-export-licence-ban
            kind: punishment
            class: legal
            name: 限制申领出口许可证
            legal-basis: 测试〔2026〕1号
            name-en: Barred from export licences
            triggers: [{type: serious-dishonesty}]
            actions: [export-licence.apply]
            departments: [商务部]
        """);
    Files.writeString(measures.resolve("measures.yaml"), Files.readString(measures.resolve("measures.yaml"))
        + "  - export-control.yaml\n");
    return MeasuresLoader.load(CatalogSource.directory(measures), TestNodes.CATALOG);
  }

  /** The standard set without the procurement ban, as a careless or compromised city would run it. */
  private Measures withoutProcurementBan() throws Exception {
    Path measures = ShippedConf.copy("measures", dir.resolve("tampered"));
    Path file = measures.resolve("serious-dishonesty.yaml");
    String yaml = Files.readString(file);
    int start = yaml.indexOf("  - id: sd-procurement-ban");
    int end = yaml.indexOf("  - id: ", start + 1);
    Files.writeString(file, yaml.substring(0, start) + yaml.substring(end));
    return MeasuresLoader.load(CatalogSource.directory(measures), TestNodes.CATALOG);
  }

  @Test
  void aCitysOwnSet_isNotAdoptedByItsDistrict_andTheNationalSetReplacesItAtTheCity() throws Exception {
    TAMPERED_MEASURES.inflicted();
    Measures tampered = withoutProcurementBan();
    TestPki pki = TestPki.create(dir.resolve("pki"));
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    NodeKeyMaterial chaoyangKeys = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    TestNodes.services(bjKeys, Database.Engine.H2, TestNodes.CATALOG, tampered);
    FederationNode bj = running.start(bjKeys, Optional.empty());
    FederationNode chaoyang = running.start(chaoyangKeys, Optional.of(bj));
    await().atMost(BOUND).until(() -> chaoyang.links().find(LinkDirection.OUTBOUND, "bj")
        .map(l -> l.state() == LinkState.UP).orElse(false));

    TestExports.listings(TestNodes.services(chaoyangKeys), 52, "110105", 1, 1);
    String listed = TestExports.first(TestNodes.services(chaoyangKeys), "serious-dishonesty").subjectId();
    CheckRequest procurement = new CheckRequest(listed, "public-procurement.bid", "采购中心", "投标资格审查");
    assertThat(TestNodes.services(chaoyangKeys).discipline().measures().version()).isEqualTo(
        TestNodes.MEASURES.version());
    assertThat(TestNodes.services(chaoyangKeys).discipline().current().inForce().signedBy()).isEmpty();
    assertThat(TestNodes.services(chaoyangKeys).discipline().check(procurement).decision())
        .isEqualTo(Decision.RESTRICT);

    int bjPort = bj.federationPort();
    running.stop(bj);
    FederationNode cn = running.start(cnKeys, Optional.empty());
    running.add(TestNodes.start(bjKeys, bjPort, Optional.of(TestNodes.parentTarget(cn))));
    await().atMost(BOUND).until(() -> TestNodes.services(bjKeys).discipline().measures().version()
        .equals(TestNodes.MEASURES.version()));
    assertThat(TestNodes.services(bjKeys).discipline().current().inForce().signedBy()).contains("cn");
    await().atMost(BOUND).until(() -> TestNodes.services(chaoyangKeys).discipline().current().inForce().signedBy()
        .isPresent());
    assertThat(TestNodes.services(chaoyangKeys).discipline().check(procurement).decision())
        .isEqualTo(Decision.RESTRICT);
  }

  @Test
  void districtAppliesTheNationalMeasures_throughItsCity_andKeepsThem() throws Exception {
    Measures national = national();
    TestPki pki = TestPki.create(dir.resolve("pki"));
    NodeKeyMaterial cnKeys = pki.node("cn", "");
    NodeKeyMaterial bjKeys = pki.node("bj", "1101");
    NodeKeyMaterial chaoyangKeys = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    TestNodes.services(cnKeys, Database.Engine.H2, TestNodes.CATALOG, national);
    FederationNode cn = running.start(cnKeys, Optional.empty());
    FederationNode bj = running.start(bjKeys, Optional.of(cn));
    running.start(chaoyangKeys, Optional.of(bj));
    assertThat(TestNodes.MEASURES.version()).isNotEqualTo(national.version());

    await().atMost(BOUND).until(() -> TestNodes.services(chaoyangKeys).discipline().measures().version()
        .equals(national.version()));
    assertThat(TestNodes.services(bjKeys).discipline().measures().version()).isEqualTo(national.version());

    TestExports.listings(TestNodes.services(chaoyangKeys), 51, "110105", 1, 1);
    String listed = TestExports.first(TestNodes.services(chaoyangKeys), "serious-dishonesty").subjectId();
    var check = TestNodes.services(chaoyangKeys).discipline().check(new CheckRequest(listed, "export-licence.apply",
        "商务局", "出口许可审查"));
    assertThat(check.decision()).isEqualTo(Decision.RESTRICT);
    assertThat(check.findings().get(0).measures().get(0).basis().document()).isEqualTo("测试〔2026〕1号");
    assertThat(check.measuresVersion()).isEqualTo(national.version());

    JdbcStores store = TestNodes.jdbc(TestNodes.services(chaoyangKeys));
    assertThat(store.node().measures().adopted()).as("kept for restarts").get()
        .satisfies(files -> assertThat(files).containsKeys("measures.yaml", "export-control.yaml"));
  }
}
