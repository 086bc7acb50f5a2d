package org.cix.storage;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.cix.core.record.RecordIds;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.SealVerifier;
import org.cix.core.seal.SealedBatch;
import org.cix.core.seal.Sealer;
import org.cix.core.store.Quarantined;
import org.cix.core.store.RecordStore;
import org.cix.core.store.StoredVersion;
import org.cix.crypto.hash.Hashes;
import org.cix.crypto.pki.ChainValidator;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.SubjectKind;
import org.cix.proto.v1.SealHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.cix.core.audit.AuditChain;
import org.cix.core.correction.Corrections;
import org.cix.core.revocation.RevocationLists;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.AuditLog;
import org.cix.core.discipline.CheckEntry;
import org.cix.core.discipline.CheckLog;
import org.cix.core.discipline.Decision;
import org.cix.core.discipline.PendingFeedback;
import java.util.Map;
import org.cix.core.sharing.Grant;
import org.cix.core.sharing.GrantStore;

/** The record store's contract, run on each engine by the subclasses. */
abstract class RecordStoreContract {
  static final Fault FAILING_BATCH = new Fault(
      "a batch whose write fails half-way (H2 and PostgreSQL)",
      "nothing of it stored");
  static final Fault AUDIT_EDITED = new Fault(
      "an audit log entry edited or removed in the database",
      "audit verify names the first entry that does not hold");
  private static final String SUBJECT = "9144030071526726XG";
  /** The schema version today's migrations make. */
  static final String SCHEMA = "27";
  @TempDir Path dir;
  private NodeKeyMaterial keys;
  private Sealer sealer;
  private JdbcStores store;
  private TestDatabases databases;

  abstract Database.Engine engine();

  @BeforeEach
  void setUp() {
    TestPki pki = TestPki.create(dir.resolve("pki"));
    keys = pki.node("sz", "4403");
    sealer = new Sealer(keys, Clock.systemUTC());
    databases = new TestDatabases(engine(), dir);
    store = new JdbcStores(databases.open("data"));
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private static RecordVersion version(String decision, int version, String subject, String content) {
    String id = RecordIds.of("administrative-penalty", List.of(decision, "11440300000000000X"));
    return RecordVersion.create(RecordBody.newBuilder()
        .setRecordId(id).setVersion(version).setType("administrative-penalty").setSubjectId(subject)
        .setOriginNode("sz")
        .addFields(Field.newBuilder().setKey("penalty_content").setValue(content))
        .setContentSha256(ByteString.copyFrom(Hashes.sha256(content.getBytes(StandardCharsets.UTF_8))))
        .build());
  }

  @Test
  void append_thenReadBack_everyProofVerifiesAgainstTheStoredSeal() throws Exception {
    List<RecordVersion> versions = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      versions.add(version("深罚〔2026〕" + i, 1, i < 3 ? SUBJECT : "914403001922038216", "罚款 " + i));
    }
    SealedBatch batch = sealer.seal(versions);

    long head = store.records().append(batch, 1_000L);

    assertThat(head).isEqualTo(5);
    List<StoredVersion> stored = store.records().currentOfSubject(SUBJECT);
    assertThat(stored).hasSize(3).extracting(StoredVersion::seq).containsExactly(1L, 2L, 3L);
    SealVerifier verifier = new SealVerifier(new ChainValidator(keys.root(), Clock.systemUTC()));
    SealHeader header = verifier.verify(store.records().seal(batch.sealId()).orElseThrow(), keys.sealChain());
    for (StoredVersion version : stored) {
      assertThatCode(() -> SealVerifier.prove(header, version.proof(), version.version())).doesNotThrowAnyException();
    }
    assertThat(store.records().current(List.of(versions.get(0).recordId(), "00000000000000000000000000000000")))
        .containsOnlyKeys(versions.get(0).recordId());
    assertThat(store.records().counts().versions()).isEqualTo(5);
    assertThat(store.records().counts().seals()).isEqualTo(1);
  }

  private static RecordVersion representedBy(String decision, int version, String idType, String idNumber) {
    RecordBody body = version(decision, version, SUBJECT, "罚款 " + decision).body();
    return RecordVersion.create(body.toBuilder()
        .addFields(Field.newBuilder().setKey("legal_rep_id_type").setValue(idType))
        .addFields(Field.newBuilder().setKey("legal_rep_id_number").setValue(idNumber)).build());
  }

  /**
   * A check on a person finds the records of the enterprises they represent (issue 21): the store
   * keeps, per current record, the resident ID its legal representative is named by; a store made
   * before it (schema 14) is filled by the migration when opened.
   */
  @Test
  void currentRepresentedBy_findsTheCurrentRecordsNamingAPerson_alsoInAStoreMadeBeforeTheIndex() {
    String person = org.cix.core.synthetic.PenaltyExports.residentId(new java.util.Random(3), "440305");
    String firstGeneration = person.substring(0, 6) + person.substring(8, 17);
    store.records().append(sealer.seal(List.of(
        representedBy("深罚〔2026〕1", 1, "身份证", person),
        representedBy("深罚〔2026〕2", 1, "身份证", firstGeneration),
        representedBy("深罚〔2026〕3", 1, "护照号", person),
        representedBy("深罚〔2026〕4", 1, "身份证", person),
        version("深罚〔2026〕5", 1, SUBJECT, "no representative named"))), 1L);
    store.records().append(sealer.seal(List.of(version("深罚〔2026〕4", 2, SUBJECT, "representative no longer named"))), 2L);
    List<String> expected = List.of(RecordIds.of("administrative-penalty", List.of("深罚〔2026〕1", "11440300000000000X")),
        RecordIds.of("administrative-penalty", List.of("深罚〔2026〕2", "11440300000000000X")));

    assertThat(store.records().currentRepresentedBy(person)).extracting(v -> v.version().recordId())
        .containsExactlyElementsOf(expected);

    reopenAsMadeBefore(15,
        "DROP INDEX record_current_represented",
        "ALTER TABLE record_current DROP COLUMN represented_by",
        "ALTER TABLE record_current DROP COLUMN subject_name",
        "DROP TABLE quality_received_month");

    assertThat(store.database().schemaVersion()).isEqualTo(SCHEMA);
    assertThat(store.records().currentRepresentedBy(person)).extracting(v -> v.version().recordId())
        .containsExactlyElementsOf(expected);
  }

  private static RecordVersion named(String decision, int version, String subject, SubjectKind kind, String name) {
    RecordBody body = version(decision, version, subject, "罚款 " + decision).body();
    return RecordVersion.create(body.toBuilder().setSubjectKind(kind)
        .addFields(Field.newBuilder().setKey("subject_name").setValue(name)).build());
  }

  /**
   * Departments find enterprises by a part of their name (issue 26): by the current versions'
   * names, never a person's; a store made before the column (schema 16) is filled when opened.
   */
  @Test
  void subjectsNamed_findsEnterprisesByAPartOfTheirCurrentName_neverPersons_alsoInAStoreMadeBefore() {
    String other = "91440300000000001X";
    String person = org.cix.core.synthetic.PenaltyExports.residentId(new java.util.Random(5), "440305");
    store.records().append(sealer.seal(List.of(
        named("深罚〔2026〕1", 1, SUBJECT, SubjectKind.SUBJECT_KIND_USCC, "深圳市示例科技有限公司"),
        named("深罚〔2026〕2", 1, other, SubjectKind.SUBJECT_KIND_USCC, "深圳市另一示例_有限公司"),
        named("深罚〔2026〕3", 1, person, SubjectKind.SUBJECT_KIND_RESIDENT_ID, "张示例"))), 1L);
    RecordVersion renamed = named("深罚〔2026〕2", 2, other, SubjectKind.SUBJECT_KIND_USCC, "深圳市改名后有限公司");
    store.records().append(sealer.seal(List.of(renamed)), 2L);
    assertThat(store.records().currentNamesOf(other)).as("the current version's name, by record id")
        .containsExactly(Map.entry(renamed.recordId(), "深圳市改名后有限公司"));
    assertThat(store.records().currentNamesOf(person)).as("a person's name is never kept").isEmpty();

    assertThat(store.records().subjectsNamed("示例", 10)).containsExactly(
        new RecordStore.SubjectName(SUBJECT, "深圳市示例科技有限公司"));
    assertThat(store.records().subjectsNamed("改名", 10)).extracting(RecordStore.SubjectName::subjectId).containsExactly(other);
    assertThat(store.records().subjectsNamed("深圳市", 1)).hasSize(1);
    assertThat(store.records().subjectsNamed("_", 10)).as("a wildcard is a character like any other").isEmpty();
    assertThat(store.records().subjectsNamed("张示例", 10)).as("no person is found by name").isEmpty();

    reopenAsMadeBefore(17,
        "ALTER TABLE record_current DROP COLUMN subject_name",
        "DROP TABLE quality_received_month");

    assertThat(store.database().schemaVersion()).isEqualTo(SCHEMA);
    assertThat(store.records().subjectsNamed("示例", 10)).containsExactly(
        new RecordStore.SubjectName(SUBJECT, "深圳市示例科技有限公司"));
  }

  /**
   * The versions held per origin and the neighbour they came through (what {@code cix sync status}
   * shows) are counted as they are stored, not by a scan of every version at each call; a store made
   * before the count (schema 23) is counted when opened.
   */
  @Test
  void versionsByOrigin_countedAsStored_alsoInAStoreMadeBeforeTheCount() throws Exception {
    store.records().append(sealer.seal(List.of(version("深罚〔2026〕1", 1, SUBJECT, "罚款 10000"),
        version("深罚〔2026〕2", 1, SUBJECT, "罚款 300"))), 1L);
    store.records().append(sealer.seal(List.of(version("深罚〔2026〕1", 2, SUBJECT, "罚款 5000"))), 2L);
    Map<String, Map<String, Long>> expected = Map.of("sz", Map.of("", 3L));

    assertThat(store.exchange().versionsByOrigin()).isEqualTo(expected).isEqualTo(countedByScan());

    reopenAsMadeBefore(24, "DROP TABLE origin_via_tally");

    assertThat(store.database().schemaVersion()).isEqualTo(SCHEMA);
    assertThat(store.exchange().versionsByOrigin()).isEqualTo(expected);
    store.records().append(sealer.seal(List.of(version("深罚〔2026〕3", 1, SUBJECT, "罚款 100"))), 3L);
    assertThat(store.exchange().versionsByOrigin()).isEqualTo(Map.of("sz", Map.of("", 4L)))
        .isEqualTo(countedByScan());
  }

  /**
   * Followers of a few types (objections, revocation lists, departments) read them in change-log
   * order through the index by type (schema 25), never walking the versions of other types: on a
   * store of millions of versions a walk of the log took minutes at each start. The arrival times
   * of `cix stats` are read through the index by neighbour (schema 27), never walking the versions
   * made here. A store made before the indexes gets them when opened.
   */
  @Test
  void readsByTypeAndByNeighbour_inLogOrder_throughTheirIndexes_alsoInAStoreMadeBeforeThem() throws Exception {
    List<RecordVersion> versions = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      versions.add(version("深罚〔2026〕" + i, 1, SUBJECT, "罚款 " + i));
      if (i % 400 == 7) {
        versions.add(ofType(Corrections.REQUEST_TYPE, versions.get(versions.size() - 1)));
        versions.add(ofType(RevocationLists.TYPE, versions.get(versions.size() - 2)));
      }
    }
    store.records().append(sealer.seal(versions), 1L);
    long head = store.exchange().head();
    List<String> rare = List.of(RevocationLists.TYPE, Corrections.REQUEST_TYPE);
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      if (rare.contains(versions.get(i).body().getType())) {
        expected.add(i + 1L);
      }
    }

    assertThat(store.exchange().changesOfTypes(0, head, rare, 3)).extracting(l -> l.seq())
        .containsExactlyElementsOf(expected.subList(0, 3));
    List<Long> paged = new ArrayList<>();
    store.exchange().readTypes(expected.get(0), head, rare, 3, (batch, upTo) -> batch.forEach(l -> paged.add(l.seq())));
    assertThat(paged).containsExactlyElementsOf(expected.subList(1, expected.size()));
    assertReadInIndexOrder(typeReadPlan(), "record_version_type|type_id_seq_idx");
    assertReadInIndexOrder(arrivalsPlan(), "record_version_via|via_node_seq_idx");

    reopenAsMadeBefore(25, "DROP INDEX record_version_type", "DROP INDEX record_version_via");

    assertThat(store.database().schemaVersion()).isEqualTo(SCHEMA);
    assertReadInIndexOrder(typeReadPlan(), "record_version_type|type_id_seq_idx");
    assertReadInIndexOrder(arrivalsPlan(), "record_version_via|via_node_seq_idx");
    assertThat(store.exchange().changesOfTypes(0, head, rare, 100)).extracting(l -> l.seq())
        .containsExactlyElementsOf(expected);
  }

  private static RecordVersion ofType(String type, RecordVersion like) {
    RecordBody body = like.body();
    return RecordVersion.create(body.toBuilder().setType(type)
        .setRecordId(RecordIds.of(type, List.of(body.getRecordId()))).build());
  }

  /** How the engine reads one type's versions (PostgreSQL: the plan kept for any parameters). */
  private String typeReadPlan() throws java.sql.SQLException {
    return plan(JdbcExchangeStore.changesQuery(JdbcExchangeStore.OF_TYPE), Corrections.REQUEST_TYPE, 0L,
        Long.MAX_VALUE, 5_000);
  }

  /** How the engine reads the versions that came through one neighbour, newest first. */
  private String arrivalsPlan() throws java.sql.SQLException {
    return plan(JdbcExchangeStore.ARRIVALS, "bj", 0L, 200_000);
  }

  /**
   * The plan reads through {@code index} (H2's name, or PostgreSQL's of its partitions) in the
   * index's order, so it stops at the limit: no sort of everything the condition selects.
   */
  private static void assertReadInIndexOrder(String plan, String index) {
    assertThat(plan).containsPattern("(?i)" + index).containsPattern("(?i)index sorted|Index Scan")
        .doesNotContainPattern("(?m)^\\s*(->\\s*)?(Incremental )?Sort\\b");
  }

  private String plan(String query, Object... parameters) throws java.sql.SQLException {
    try (var c = store.database().dataSource().getConnection()) {
      if (engine() == Database.Engine.POSTGRES) {
        try (var s = c.createStatement()) {
          s.execute("ANALYZE record_version");
          s.execute("SET plan_cache_mode = force_generic_plan");
        }
      }
      try (var s = c.prepareStatement("EXPLAIN " + query)) {
        for (int i = 0; i < parameters.length; i++) {
          s.setObject(i + 1, parameters[i]);
        }
        StringBuilder plan = new StringBuilder();
        try (var r = s.executeQuery()) {
          while (r.next()) {
            plan.append(r.getString(1)).append('\n');
          }
        }
        if (engine() == Database.Engine.POSTGRES) {
          try (var reset = c.createStatement()) {
            reset.execute("RESET plan_cache_mode");
          }
        }
        return plan.toString();
      }
    }
  }

  /**
   * The records and versions held (status, metrics, reports) are counted as they are stored, not
   * by a scan of the tables at each call (a whole read on PostgreSQL); a store made before the
   * count of records (schema 25) is counted when opened.
   */
  @Test
  void counts_keptAsStored_agreeWithAScan_alsoInAStoreMadeBeforeTheCount() throws Exception {
    store.records().append(sealer.seal(List.of(version("深罚〔2026〕1", 1, SUBJECT, "罚款 10000"),
        version("深罚〔2026〕2", 1, SUBJECT, "罚款 300"))), 1L);
    store.records().append(sealer.seal(List.of(version("深罚〔2026〕1", 2, SUBJECT, "罚款 5000"))), 2L);

    assertThat(store.records().counts()).satisfies(n -> {
      assertThat(n.records()).isEqualTo(2).isEqualTo(scanned("record_current"));
      assertThat(n.versions()).isEqualTo(3).isEqualTo(scanned("record_version"));
    });

    reopenAsMadeBefore(26, "DROP TABLE current_tally");

    assertThat(store.database().schemaVersion()).isEqualTo(SCHEMA);
    assertThat(store.records().counts().records()).isEqualTo(2);
    store.records().append(sealer.seal(List.of(version("深罚〔2026〕3", 1, SUBJECT, "罚款 100"),
        version("深罚〔2026〕2", 2, SUBJECT, "罚款 200"))), 3L);
    assertThat(store.records().counts()).satisfies(n -> {
      assertThat(n.records()).isEqualTo(3).isEqualTo(scanned("record_current"));
      assertThat(n.versions()).isEqualTo(5).isEqualTo(scanned("record_version"));
    });
  }

  private long scanned(String table) throws java.sql.SQLException {
    try (var c = store.database().dataSource().getConnection()) {
      return Queries.count(c, "SELECT COUNT(*) FROM " + table);
    }
  }

  private Map<String, Map<String, Long>> countedByScan() throws java.sql.SQLException {
    Map<String, Map<String, Long>> counted = new java.util.TreeMap<>();
    try (var c = store.database().dataSource().getConnection(); var s = c.createStatement();
        var r = s.executeQuery("SELECT origin_node, COALESCE(via_node, ''), COUNT(*) FROM record_version "
            + "GROUP BY origin_node, COALESCE(via_node, '')")) {
      while (r.next()) {
        counted.computeIfAbsent(r.getString(1), k -> new java.util.TreeMap<>()).put(r.getString(2), r.getLong(3));
      }
    }
    return counted;
  }

  @Test
  void append_newVersion_becomesCurrent_andHistoryKeepsBoth() {
    RecordVersion v1 = version("深罚〔2026〕1", 1, SUBJECT, "罚款 10000");
    RecordVersion v2 = version("深罚〔2026〕1", 2, SUBJECT, "罚款 5000");
    store.records().append(sealer.seal(List.of(v1)), 1L);
    store.records().append(sealer.seal(List.of(v2)), 2L);

    assertThat(store.records().current(List.of(v1.recordId())).get(v1.recordId()).version()).isEqualTo(2);
    assertThat(store.records().currentOfSubject(SUBJECT)).singleElement()
        .satisfies(s -> assertThat(s.version().version()).isEqualTo(2));
    assertThat(store.records().history(v1.recordId())).extracting(s -> s.version().version()).containsExactly(1, 2);
    assertThat(store.records().counts().records()).isEqualTo(1);
  }

  /**
   * A store made before the versions were chained (schema 21, with an index by record and
   * version) is chained when opened: histories have every version, later ones join the chain, and
   * the index is gone from the write path.
   */
  @Test
  void history_ofAStoreMadeBeforeTheChains_hasEveryVersion_andTheIndexByRecordIsGone() throws Exception {
    RecordVersion a1 = version("深罚〔2026〕1", 1, SUBJECT, "罚款 10000");
    store.records().append(sealer.seal(List.of(a1, version("深罚〔2026〕2", 1, SUBJECT, "罚款 300"))), 1L);
    store.records().append(sealer.seal(List.of(version("深罚〔2026〕1", 2, SUBJECT, "罚款 5000"))), 2L);
    reopenAsMadeBefore(22,
        "DROP TABLE version_chain",
        "ALTER TABLE record_current DROP COLUMN last_seq",
        "CREATE INDEX record_version_id ON record_version (record_id, version)");

    assertThat(store.database().schemaVersion()).isEqualTo(SCHEMA);
    assertThat(store.records().history(a1.recordId())).extracting(s -> s.version().version()).containsExactly(1, 2);
    store.records().append(sealer.seal(List.of(version("深罚〔2026〕1", 3, SUBJECT, "罚款 0"))), 3L);
    assertThat(store.records().history(a1.recordId())).extracting(s -> s.version().version())
        .containsExactly(1, 2, 3);
    assertThat(store.records().history(version("深罚〔2026〕2", 1, SUBJECT, "罚款 300").recordId())).hasSize(1);
    try (var c = store.database().dataSource().getConnection();
        var indexes = c.getMetaData().getIndexInfo(null, null,
            store.database().engine() == Database.Engine.H2 ? "RECORD_VERSION" : "record_version", false, false)) {
      List<String> names = new ArrayList<>();
      while (indexes.next()) {
        names.add(String.valueOf(indexes.getString("INDEX_NAME")).toLowerCase(java.util.Locale.ROOT));
      }
      assertThat(names).isNotEmpty().doesNotContain("record_version_id");
    }
  }

  /**
   * Migration 22 runs again over its own work when its history row is lost (on H2 a crash after
   * its changes of shape, each committed on its own): the chains come out the same.
   */
  @Test
  void theChainMigration_runAgainOverItsOwnWork_leavesTheSameChains() {
    RecordVersion a1 = version("深罚〔2026〕1", 1, SUBJECT, "罚款 10000");
    store.records().append(sealer.seal(List.of(a1)), 1L);
    store.records().append(sealer.seal(List.of(version("深罚〔2026〕1", 2, SUBJECT, "罚款 5000"))), 2L);
    reopenAsMadeBefore(22);

    assertThat(store.database().migrationsApplied()).as("22 and the later 23 to 27").isEqualTo(6);
    assertThat(store.records().history(a1.recordId())).extracting(s -> s.version().version()).containsExactly(1, 2);
  }

  /**
   * A store made when V1..V12 were a tree of files per engine (before schema 22) recorded those
   * files' checksums; it opens on the one tree, whose files differ by their placeholders. Any
   * other checksum recorded is still refused, as Flyway refuses a migration changed after it ran.
   */
  @Test
  void aStoreMadeFromTheEngineTrees_opensOnTheOneTree_butAnotherChecksumIsRefused() throws Exception {
    RecordVersion v1 = version("深罚〔2026〕1", 1, SUBJECT, "罚款 10000");
    store.records().append(sealer.seal(List.of(v1)), 1L);
    // what cix recorded for V1 and V9 from its own H2 or PostgreSQL file
    boolean h2 = engine() == Database.Engine.H2;
    setChecksum("1", h2 ? -301428789 : -472526771);
    setChecksum("9", h2 ? -1173237410 : -508773879);
    store.close();
    store = new JdbcStores(databases.open("data"));

    assertThat(store.database().migrationsApplied()).isZero();
    assertThat(store.records().history(v1.recordId())).hasSize(1);
    assertThat(Migrations.flyway(engine(), store.database().dataSource()).info().applied())
        .allSatisfy(m -> assertThat(m.isChecksumMatching()).as("V%s", m.getVersion()).isTrue());

    setChecksum("2", 12345);
    store.close();
    assertThatThrownBy(() -> databases.open("data")).isInstanceOf(org.cix.core.error.CixException.class)
        .hasMessageContaining("checksum mismatch").hasMessageContaining("12345");
    store = new JdbcStores(databases.open("other"));
  }

  private void setChecksum(String version, int checksum) throws java.sql.SQLException {
    try (var c = store.database().dataSource().getConnection(); var s = c.prepareStatement(
        "UPDATE \"flyway_schema_history\" SET \"checksum\" = ? WHERE \"version\" = ?")) {
      s.setInt(1, checksum);
      s.setString(2, version);
      assertThat(s.executeUpdate()).isOne();
    }
  }

  @Test
  void append_failingBatch_storesNothingOfIt() {
    FAILING_BATCH.inflicted();
    RecordVersion v1 = version("深罚〔2026〕1", 1, SUBJECT, "a");
    store.records().append(sealer.seal(List.of(v1)), 1L);
    RecordVersion fresh = version("深罚〔2026〕2", 1, SUBJECT, "b");
    RecordVersion clash = version("深罚〔2026〕1", 1, SUBJECT, "c");

    assertThatThrownBy(() -> store.records().append(sealer.seal(List.of(fresh, clash)), 2L))
        .hasMessageContaining("cannot store a sealed batch of 2 versions");

    assertThat(store.records().counts().versions()).isEqualTo(1);
    assertThat(store.records().counts().seals()).isEqualTo(1);
    assertThat(store.records().current(List.of(fresh.recordId()))).isEmpty();
    assertThat(store.records().append(sealer.seal(List.of(fresh)), 3L)).as("sequence not consumed by the failure").isEqualTo(2);
  }

  @Test
  void reopen_keepsEverything_andContinuesTheSequence() {
    store.records().append(sealer.seal(List.of(version("深罚〔2026〕1", 1, SUBJECT, "a"))), 1L);
    store.records().quarantine(List.of(new Quarantined("ingest:penalties.csv", "row 7", "bad_check_digit",
        "subject_id: 9144030071526726XH", "raw row".getBytes(StandardCharsets.UTF_8))));
    store.close();

    store = new JdbcStores(databases.open("data"));

    assertThat(store.records().counts().versions()).isEqualTo(1);
    assertThat(store.records().counts().quarantined()).isEqualTo(1);
    assertThat(store.records().append(sealer.seal(List.of(version("深罚〔2026〕2", 1, SUBJECT, "b"))), 2L)).isEqualTo(2);
  }



  @Test
  void grants_roundTrip_andRevocationIsKept() {
    GrantStore grants = store.node().grants();
    Grant issued = grants.add(new Grant(0, "sh", Set.of("credit-rating"), "信用监管", true,
        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), "cn", Instant.ofEpochMilli(1_000),
        Optional.empty()));
    Grant open = grants.add(new Grant(0, "zj", Set.of(), "采购", false, LocalDate.parse("2026-02-01"),
        LocalDate.parse("2027-01-31"), "cn", Instant.ofEpochMilli(2_000), Optional.empty()));

    assertThat(grants.revoke(issued.id(), Instant.ofEpochMilli(3_000))).isTrue();
    assertThat(grants.revoke(issued.id(), Instant.ofEpochMilli(4_000))).as("revoked once").isFalse();
    assertThat(grants.revoke(999, Instant.ofEpochMilli(4_000))).isFalse();

    assertThat(grants.all()).containsExactly(
        new Grant(issued.id(), "sh", Set.of("credit-rating"), "信用监管", true, LocalDate.parse("2026-01-01"),
            LocalDate.parse("2026-12-31"), "cn", Instant.ofEpochMilli(1_000), Optional.of(Instant.ofEpochMilli(3_000))),
        new Grant(open.id(), "zj", Set.of(), "采购", false, LocalDate.parse("2026-02-01"),
            LocalDate.parse("2027-01-31"), "cn", Instant.ofEpochMilli(2_000), Optional.empty()));
  }

  @Test
  void checkLog_keepsEveryCheck_newestFirst() {
    CheckLog log = store.node().checks();
    log.append(new CheckEntry(Instant.ofEpochMilli(1_000), "财政局", "投标资格审查", SUBJECT, "public-procurement.bid",
        Decision.RESTRICT, List.of("a".repeat(32), "b".repeat(32))),
        List.of(Map.of("record_id", "a".repeat(32), "applied_by", "财政局"), Map.of("record_id", "b".repeat(32))));
    log.append(new CheckEntry(Instant.ofEpochMilli(2_000), "发改委", "资金申报", SUBJECT, "government-funding.apply",
        Decision.NONE, List.of()), List.of());

    assertThat(log.recent(10)).containsExactly(
        new CheckEntry(Instant.ofEpochMilli(2_000), "发改委", "资金申报", SUBJECT, "government-funding.apply",
            Decision.NONE, List.of()),
        new CheckEntry(Instant.ofEpochMilli(1_000), "财政局", "投标资格审查", SUBJECT, "public-procurement.bid",
            Decision.RESTRICT, List.of("a".repeat(32), "b".repeat(32))));
    assertThat(log.recent(1)).hasSize(1);

    List<PendingFeedback> pending = log.pendingFeedback(10);
    assertThat(pending).extracting(PendingFeedback::row).containsExactly(
        Map.of("record_id", "a".repeat(32), "applied_by", "财政局"), Map.of("record_id", "b".repeat(32)));
    log.feedbackPublished(pending.get(0).id());
    assertThat(log.pendingFeedback(10)).extracting(PendingFeedback::row)
        .containsExactly(Map.of("record_id", "b".repeat(32)));
  }

  @Test
  void auditLog_chainsEveryEntry_andAChangeInTheDatabaseIsFound() throws Exception {
    AUDIT_EDITED.inflicted();
    AuditLog audit = store.node().audit();
    for (int i = 1; i <= 4; i++) {
      audit.append(new AuditEvent(Instant.ofEpochMilli(i), "财政局", "check", SUBJECT, "n=" + i));
    }
    assertThat(AuditChain.verify(audit, "sz").intact()).isTrue();
    assertThat(AuditChain.verify(store.node().audit(), "sz").entries()).as("a new instance continues the chain")
        .isEqualTo(4);
    store.node().audit().append(new AuditEvent(Instant.ofEpochMilli(5), "admin", "grant.issue", "", "grant 1"));
    assertThat(AuditChain.verify(audit, "sz").entries()).isEqualTo(5);

    try (var c = store.database().dataSource().getConnection(); var s = c.createStatement()) {
      s.executeUpdate("UPDATE audit_log SET actor = 'nobody' WHERE seq = 3");
    }
    AuditChain.Verification v = AuditChain.verify(audit, "sz");
    assertThat(v.firstBad()).contains(3L);
    assertThat(v.why()).contains("was changed after it was written");
  }

  @Test
  void qualityQueue_refusedRowsAndNameMismatches_perDepartment_resolutionCorrectsAtTheOrigin() throws Exception {
    org.cix.core.node.NodeServices node = org.cix.core.node.NodeServices.assemble(
        org.cix.core.catalog.CatalogLoader.load(org.cix.core.catalog.CatalogSource.standard()),
        org.cix.core.discipline.MeasuresLoader.load(org.cix.core.discipline.MeasuresLoader.standard(),
            org.cix.core.catalog.CatalogLoader.load(org.cix.core.catalog.CatalogSource.standard())),
        keys, store.node(), org.cix.core.subject.PilotAllowlist.empty(), Clock.systemUTC());
    org.cix.core.synthetic.ExampleRecords examples = new org.cix.core.synthetic.ExampleRecords(5, "440305");
    String alike = examples.enterprise();
    String differing = examples.enterprise();
    List<Map<String, String>> rows = new ArrayList<>(List.of(
        examples.majorPenalty(alike, "深圳示例(南山)有限公司", LocalDate.parse("2026-01-05"), LocalDate.parse("2029-01-05")),
        examples.majorPenalty(alike, "深圳示例（南山）有限公司", LocalDate.parse("2026-02-05"), LocalDate.parse("2029-02-05")),
        examples.majorPenalty(differing, "深圳乙有限公司", LocalDate.parse("2026-03-05"), LocalDate.parse("2029-03-05")),
        examples.majorPenalty(differing, "深圳丙有限公司", LocalDate.parse("2026-04-05"), LocalDate.parse("2029-04-05")),
        examples.majorPenalty(differing, "深圳乙有限公司", LocalDate.parse("2026-05-05"), LocalDate.parse("2029-05-05"))));
    String department = rows.get(0).get("source_unit_uscc");
    rows.forEach(r -> {
      r.put("source_unit_uscc", department);
      r.put("source_unit", "深圳市南山区市场监督管理局");
    });
    rows.get(4).put("decision_date", "2026-13-45");
    org.cix.core.synthetic.TestDepartments.named(node, "administrative-penalty", rows);
    ingestIgnoringRejects(node, rows);

    assertThat(node.quality().follow()).as("four penalties and the registration of their department").isEqualTo(5);
    List<org.cix.core.quality.QualityIssue> open = node.quality().list(true, Optional.of(department));
    assertThat(open).extracting(org.cix.core.quality.QualityIssue::kind).containsExactlyInAnyOrder(
        org.cix.core.quality.IssueKind.REJECTED, org.cix.core.quality.IssueKind.NAME_MISMATCH);
    org.cix.core.quality.QualityIssue mismatch = open.stream()
        .filter(i -> i.kind() == org.cix.core.quality.IssueKind.NAME_MISMATCH).findFirst().orElseThrow();
    assertThat(mismatch.subjectId()).as("full-width and half-width brackets read alike").isEqualTo(differing);
    assertThat(mismatch.detail()).contains("深圳乙有限公司").contains("深圳丙有限公司");
    org.cix.core.quality.QualityIssue rejected = open.stream()
        .filter(i -> i.kind() == org.cix.core.quality.IssueKind.REJECTED).findFirst().orElseThrow();
    assertThat(rejected.reasonCode()).isEqualTo("bad_date");
    assertThat(rejected.departmentName()).isEqualTo("深圳市南山区市场监督管理局");
    assertThat(node.quality().departments()).singleElement().satisfies(d -> {
      assertThat(d.department()).isEqualTo(department);
      assertThat(d.received()).isEqualTo(4);
      assertThat(d.refusedByReason()).containsExactly(Map.entry("bad_date", 1L));
      assertThat(d.nameMismatches()).isEqualTo(1);
      assertThat(d.open()).isEqualTo(2);
      assertThat(d.medianTimeToFix()).isEmpty();
    });

    org.cix.core.quality.QualityIssue fixed = node.quality().resolve(mismatch.id(), "名称以登记机关为准", Map.of(
        "subject_name", "深圳乙有限公司"), "数据科");
    assertThat(fixed.resolution().orElseThrow().text()).startsWith("corrected here: v2");
    assertThat(node.store().history(mismatch.recordId())).hasSize(2);
    node.quality().resolve(rejected.id(), "部门已重新报送", Map.of(), "数据科");
    assertThatThrownBy(() -> node.quality().resolve(rejected.id(), "again", Map.of(), "数据科"))
        .hasMessageContaining("was resolved already: 部门已重新报送");

    assertThat(node.quality().follow()).as("the correction").isEqualTo(1);
    assertThat(node.quality().list(true, Optional.empty())).as("the corrected name matches").isEmpty();
    assertThat(node.quality().departments()).singleElement().satisfies(d -> {
      assertThat(d.received()).isEqualTo(5);
      assertThat(d.open()).isZero();
      assertThat(d.medianTimeToFix()).isPresent();
    });
    assertThat(AuditChain.verify(store.node().audit(), "sz").intact()).isTrue();

    // the evolution of the department's data: versions per month they were made in (issue 26),
    // also for a store made before the figures were kept per month (schema 18)
    var thisMonth = new org.cix.core.quality.QualityStore.Monthly(department, "深圳市南山区市场监督管理局",
        org.cix.core.quality.DataQuality.month(System.currentTimeMillis()), 5);
    assertThat(node.quality().monthly("2000-01")).containsExactly(thisMonth);
    assertThat(node.quality().monthly("2999-01")).isEmpty();
    reopenAsMadeBefore(19, "DROP TABLE quality_received_month");
    assertThat(store.database().schemaVersion()).isEqualTo(SCHEMA);
    assertThat(store.node().quality().monthly("2000-01")).containsExactly(thisMonth);
  }

  /**
   * Makes the store look as if it had been made before migration {@code first} and opens it again,
   * which migrates it: {@code undo} undoes the work of that migration and the later ones, then the
   * schema history forgets them.
   */
  private void reopenAsMadeBefore(int first, String... undo) {
    try (var c = store.database().dataSource().getConnection(); var s = c.createStatement()) {
      for (String statement : undo) {
        s.executeUpdate(statement);
      }
      forgetMigrationsFrom(s, first);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
    store.close();
    store = new JdbcStores(databases.open("data"));
  }

  /** The schema history forgets migration {@code first} and every later one. */
  private static void forgetMigrationsFrom(java.sql.Statement s, int first) throws java.sql.SQLException {
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"installed_rank\" >= (SELECT \"installed_rank\" "
        + "FROM \"flyway_schema_history\" WHERE \"version\" = '" + first + "')");
  }

  private static void ingestIgnoringRejects(org.cix.core.node.NodeServices node, List<Map<String, String>> rows)
      throws Exception {
    org.cix.core.ingest.Mapping mapping = org.cix.core.ingest.MappingLoader.parse(org.cix.core.ingest.KeyedRows.mapping(
        node.catalog().type("administrative-penalty").orElseThrow()), "mapping", node.catalog());
    try (org.cix.core.ingest.RowSource source = org.cix.core.ingest.RowSource.open(
        new java.io.ByteArrayInputStream(org.cix.core.ingest.KeyedRows.jsonLines(rows)), mapping, "penalties.jsonl")) {
      node.ingest().run(mapping, source, "penalties.jsonl", new org.cix.core.ingest.IngestJob.Listener() {
        @Override
        public void rejected(org.cix.core.ingest.SourceRow row, List<org.cix.core.ingest.RowProblem> problems) {}

        @Override
        public void progress(org.cix.core.ingest.IngestProgress progress) {}
      });
    }
  }
}
