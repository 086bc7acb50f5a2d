package org.cix.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.discipline.Measures;
import org.cix.core.discipline.MeasuresLoader;
import org.cix.core.node.NodeServices;
import org.cix.core.sync.LoggedVersion;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL the record versions are partitioned by change-log range: the partitions are made
 * as the log grows (also by a restarted node and by an import), every read spans them, and a store
 * made before partitioning keeps its versions in place as the first partition.
 */
class VersionPartitionsTest {
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final Measures MEASURES = MeasuresLoader.load(MeasuresLoader.standard(), CATALOG);
  @TempDir Path dir;
  private NodeKeyMaterial keys;
  private TestDatabases postgres;

  @BeforeEach
  void node() {
    keys = TestPki.create(dir.resolve("pki")).node("bj", "1101");
    postgres = new TestDatabases(Database.Engine.POSTGRES, dir);
  }

  @Test
  void versionsFillPartitionsOfTheConfiguredWidth_andEveryReadSpansThem() throws Exception {
    try (JdbcStores store = new JdbcStores(postgres.open("node", 100))) {
      assertThat(partitions(store.database())).as("none before the first version").isEmpty();
      TestExports.penalties(node(store), 1, "110105", 250);

      long versions = store.records().counts().versions();
      assertThat(versions).as("the penalties and the registration of their department").isBetween(250L, 260L);
      assertThat(partitions(store.database())).as("versions per partition, by first position")
          .isEqualTo(Map.of(1L, 100L, 101L, 100L, 201L, versions - 200));
      List<LoggedVersion> log = store.exchange().changesAfter(0, 1_000);
      assertThat(log).extracting(LoggedVersion::seq).containsExactlyElementsOf(range(1, versions));
      LoggedVersion last = log.get(log.size() - 1);
      assertThat(store.records().currentOfSubject(last.subjectId())).as("read through record_current")
          .anySatisfy(v -> assertThat(v.version().recordId()).isEqualTo(last.recordId()));
      assertThat(store.records().history(last.recordId())).hasSize(1);
      assertThat(compression(store.database())).as("partitions made as the log grows copy the table's")
          .hasSize(4).allSatisfy((table, methods) -> assertThat(methods).containsOnly("l"));
    }
    try (JdbcStores store = new JdbcStores(postgres.open("node", 100))) {
      TestExports.penalties(node(store), 2, "110105", 60);
      long versions = store.records().counts().versions();
      assertThat(partitions(store.database())).as("a restarted node goes on from the partitions it finds")
          .isEqualTo(Map.of(1L, 100L, 101L, 100L, 201L, 100L, 301L, versions - 300));
    }
  }

  @Test
  void aPartitionIsMade_whileAWriteAndAReadHoldTheirLocksOnTheVersions() throws Exception {
    try (JdbcStores store = new JdbcStores(postgres.open("busy", 100));
        Connection writing = store.database().dataSource().getConnection();
        Connection reading = store.database().dataSource().getConnection()) {
      TestExports.penalties(node(store), 1, "110105", 50);
      writing.setAutoCommit(false);
      reading.setAutoCommit(false);
      assertThat(Queries.count(reading, "SELECT COUNT(*) FROM record_version")).isPositive();
      try (Statement s = writing.createStatement()) {
        s.executeUpdate("INSERT INTO record_version SELECT 99, record_id, version + 1, type_id, subject_id, "
            + "origin_node, sha256, body, seal_id, leaf_index, proof, received_at, via_node, via_bundle, hops, "
            + "hop_proofs FROM record_version WHERE seq = 1");
      }

      store.database().partitions().cover(250); // waits for neither: a lock wait would fail after 10 s

      assertThat(partitions(store.database())).containsKeys(1L, 101L, 201L);
      writing.rollback();
      reading.rollback();
    }
  }

  @Test
  void anImport_makesThePartitionsOfItsTarget_atTheTargetsWidth() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NodeTransfer.Summary exported;
    try (JdbcStores store = new JdbcStores(postgres.open("source", 100))) {
      TestExports.penalties(node(store), 1, "110105", 120);
      exported = NodeTransfer.export(store.database(), out, (t, n) -> { });
    }
    long versions = exported.rows().get("record_version");
    try (Database target = postgres.open("target", 50)) {
      NodeTransfer.Summary imported = NodeTransfer.importInto(target, new ByteArrayInputStream(out.toByteArray()),
          (t, n) -> { });
      assertThat(imported.sameAs(exported)).isTrue();
      assertThat(partitions(target)).isEqualTo(Map.of(1L, 50L, 51L, 50L, 101L, versions - 100));
    }
  }

  @Test
  void aStoreMadeBeforePartitioning_keepsItsVersionsAsTheFirstPartition_andGrowsInNewOnes() throws Exception {
    NodeTransfer.Summary before;
    try (JdbcStores made = new JdbcStores(postgres.open("made"))) {
      TestExports.penalties(node(made), 1, "110105", 40);
      before = NodeTransfer.summarize(made.database());
    }
    long held = before.rows().get("record_version");
    // the same rows in a database at schema version 20, as today's main left it
    String url = postgres.url("old");
    Migrations.configure(Database.Engine.POSTGRES).dataSource(url, LocalPostgres.USER, "").target("20").load()
        .migrate();
    try (Database made = postgres.open("made"); Connection from = made.dataSource().getConnection();
        Connection to = java.sql.DriverManager.getConnection(url, LocalPostgres.USER, "")) {
      for (String table : List.of("seal", "origin_certificate", "record_version", "record_current", "origin_tally")) {
        copy(from, to, table);
      }
      try (Statement s = to.createStatement(); ResultSet r = s.executeQuery(
          "SELECT relkind FROM pg_class WHERE relname = 'record_version'")) {
        r.next();
        assertThat(r.getString(1)).as("a plain table before migration 21").isEqualTo("r");
      }
    }

    try (JdbcStores store = new JdbcStores(postgres.open("old", 100))) {
      assertThat(store.database().schemaVersion()).isEqualTo(RecordStoreContract.SCHEMA);
      NodeTransfer.Summary migrated = NodeTransfer.summarize(store.database());
      assertThat(migrated.rows()).containsEntry("record_version", held);
      assertThat(migrated.versionsSha256()).as("the versions' digest").isEqualTo(before.versionsSha256());
      assertThat(partitions(store.database())).isEqualTo(Map.of(1L, held));
      TestExports.penalties(node(store), 2, "110105", 30);
      long versions = store.records().counts().versions();
      assertThat(partitions(store.database())).isEqualTo(Map.of(1L, held, held + 1, versions - held));
      assertThat(compression(store.database()))
          .as("migration 23 sets LZ4 on the table and the partition it had; the next one copies it").hasSize(3)
          .allSatisfy((table, methods) -> assertThat(methods).containsOnly("l"));
      assertThat(store.exchange().changesAfter(0, 1_000)).extracting(LoggedVersion::seq)
          .containsExactlyElementsOf(range(1, versions));
    }
  }

  private NodeServices node(JdbcStores store) {
    return NodeServices.assemble(CATALOG, MEASURES, keys, store.node(), PilotAllowlist.empty(), Clock.systemUTC());
  }

  /** Versions in each partition of {@code record_version}, by the first position it holds. */
  private static Map<Long, Long> partitions(Database database) throws SQLException {
    Map<Long, Long> found = new TreeMap<>();
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid "
            + "WHERE i.inhparent = 'record_version'::regclass")) {
      List<String> names = new ArrayList<>();
      while (r.next()) {
        names.add(r.getString(1));
      }
      for (String name : names) {
        assertThat(VersionPartitions.isPartition(name)).isTrue();
        found.put(Long.parseLong(name.substring(VersionPartitions.PREFIX.length())),
            Queries.count(c, "SELECT COUNT(*) FROM " + name));
      }
    }
    return found;
  }

  /** The compression methods of the byte columns of {@code record_version} and of each partition, by table. */
  private static Map<String, List<String>> compression(Database database) throws SQLException {
    Map<String, List<String>> found = new TreeMap<>();
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT a.attrelid::regclass::text, a.attcompression FROM pg_attribute a "
            + "WHERE a.attname IN ('body', 'proof', 'hop_proofs') AND (a.attrelid = 'record_version'::regclass "
            + "OR a.attrelid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = 'record_version'::regclass))")) {
      while (r.next()) {
        found.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
      }
    }
    found.values().forEach(methods -> assertThat(methods).hasSize(BodyCompression.COLUMNS.size()));
    return found;
  }

  private static List<Long> range(long first, long last) {
    return java.util.stream.LongStream.rangeClosed(first, last).boxed().toList();
  }

  /** Copies {@code table}'s rows into the older schema of {@code to}: the columns it has. */
  private static void copy(Connection from, Connection to, String table) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = to.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
      for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
        names.add(r.getMetaData().getColumnName(i));
      }
    }
    int columns = names.size();
    try (Statement s = from.createStatement();
        ResultSet r = s.executeQuery("SELECT " + String.join(", ", names) + " FROM " + table)) {
      try (PreparedStatement insert = to.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", names)
          + ") VALUES (" + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")")) {
        while (r.next()) {
          for (int i = 1; i <= columns; i++) {
            insert.setObject(i, r.getObject(i));
          }
          insert.executeUpdate();
        }
      }
    }
  }
}
