package org.cix.storage;

import org.cix.reliability.Fault;
import org.cix.core.discipline.CheckRequest;
import org.cix.core.discipline.Measures;
import org.cix.core.discipline.MeasuresLoader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.node.NodeServices;
import org.cix.core.store.Quarantined;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.sync.LedgerEntry;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's data moved H2 to PostgreSQL and back through export files: nothing lost, all still usable. */
class NodeTransferTest {
  static final Fault TRUNCATED_EXPORT = new Fault(
      "a node export file cut short",
      "cix node import refuses it");
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final Measures MEASURES = MeasuresLoader.load(MeasuresLoader.standard(), CATALOG);
  @TempDir Path dir;

  @Test
  void h2ToPostgresAndBack_keepsEveryRow_andTheStoreWorksOn() {
    NodeKeyMaterial keys = TestPki.create(dir.resolve("pki")).node("bj", "1101");
    TestDatabases h2 = new TestDatabases(Database.Engine.H2, dir);
    TestDatabases postgres = new TestDatabases(Database.Engine.POSTGRES, dir);
    byte[] export;
    NodeTransfer.Summary original;
    String subject;
    try (JdbcStores store = new JdbcStores(h2.open("source"))) {
      NodeServices node = NodeServices.assemble(CATALOG, MEASURES, keys, store.node(),
          PilotAllowlist.empty(), Clock.systemUTC());
      TestExports.penalties(node, 1, "110105", 300);
      TestExports.listings(node, 2, "110105", 1, 5);
      store.records().quarantine(List.of(new Quarantined("ingest:x.csv", "row 7", "bad_date", "处罚决定日期 '2025-13-45'",
          "a,b,c".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      store.exchange().acknowledged(new LedgerEntry(1L, "cn", LedgerEntry.Direction.SENT, 1, 305, 305, 400_000, 305, 0, 0, 0,
          Map.of("administrative-penalty", 300), Map.of(), 0, 0, Optional.empty()));
      subject = store.exchange().changesAfter(1, 1).get(0).subjectId(); // after the registration of their department
      node.discipline().check(new CheckRequest(subject, "public-procurement.bid", "财政局 采购科", "投标资格审查"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      original = NodeTransfer.export(store.database(), out, (t, n) -> { });
      export = out.toByteArray();
    }
    assertThat(original.rows()).as("300 penalties, 5 listings, the registration of their department")
        .containsEntry("record_version", 306L).containsEntry("quarantine", 1L)
        .containsEntry("exchange_ledger", 1L).containsEntry("link_cursor", 1L).containsEntry("origin_certificate", 1L)
        .containsEntry("discipline_check", 1L);

    byte[] back;
    try (Database target = postgres.open("target")) {
      NodeTransfer.Summary imported = NodeTransfer.importInto(target, new ByteArrayInputStream(export), (t, n) -> { });
      assertThat(imported.sameAs(original)).isTrue();
      assertThatThrownBy(() -> NodeTransfer.importInto(target, new ByteArrayInputStream(export), (t, n) -> { }))
          .hasMessageContaining("the target database is not empty");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      NodeTransfer.export(target, out, (t, n) -> { });
      back = out.toByteArray();
    }
    try (Database target = h2.open("roundtrip")) {
      assertThat(NodeTransfer.importInto(target, new ByteArrayInputStream(back), (t, n) -> { }).sameAs(original))
          .isTrue();
    }
    // the node starts on the imported database, as `cix node start` would after `cix node import`
    try (JdbcStores store = new JdbcStores(h2.open("roundtrip"))) {
      NodeServices node = NodeServices.assemble(CATALOG, MEASURES, keys, store.node(),
          PilotAllowlist.empty(), Clock.systemUTC());
      assertThat(node.profiles().profile(subject).entries()).isNotEmpty()
          .allSatisfy(e -> assertThat(e.sealCheck()).isEqualTo("verified"));
      assertThat(store.exchange().cursor("cn").sentAcked()).isEqualTo(305);
      TestExports.penalties(node, 3, "110101", 10);
      assertThat(store.exchange().head()).as("the change log continues after the imported one (306, then 110101's department "
          + "and its penalties)").isEqualTo(317);
      store.records().quarantine(List.of(new Quarantined("ingest:y.csv", "row 1", "bad_date", "x", null)));
      assertThat(store.records().counts().quarantined()).isEqualTo(2);
    }
  }

  @Test
  void aTruncatedExport_isRefused() {
    TRUNCATED_EXPORT.inflicted();
    TestDatabases h2 = new TestDatabases(Database.Engine.H2, dir);
    byte[] export;
    try (Database source = h2.open("source")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      NodeTransfer.export(source, out, (t, n) -> { });
      export = out.toByteArray();
    }
    try (Database target = h2.open("target")) {
      assertThatThrownBy(() -> NodeTransfer.importInto(target,
          new ByteArrayInputStream(Arrays.copyOf(export, export.length - 10)), (t, n) -> { }))
          .hasMessageContaining("export");
    }
  }
}
