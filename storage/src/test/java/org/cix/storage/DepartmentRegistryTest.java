package org.cix.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cix.core.authority.DepartmentRegistry;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.discipline.MeasuresLoader;
import org.cix.core.ingest.IngestJob;
import org.cix.core.ingest.IngestProgress;
import org.cix.core.ingest.KeyedRows;
import org.cix.core.ingest.Mapping;
import org.cix.core.ingest.MappingLoader;
import org.cix.core.ingest.RowProblem;
import org.cix.core.ingest.RowSource;
import org.cix.core.ingest.SourceRow;
import org.cix.core.node.NodeServices;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.synthetic.ExampleRecords;
import org.cix.core.synthetic.SyntheticDepartments;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The department registry at the node that keeps it: a district ingests only the decisions of
 * departments it registered, of the types each may decide, and not after a withdrawal; it cannot
 * register a department outside its jurisdiction or one another node registered; what it
 * registered is there again after a restart (read from the store).
 */
class DepartmentRegistryTest {
  static final Fault UNREGISTERED_DEPARTMENT = new Fault(
      "a department export naming a department the node did not register, one registered for other record types, "
          + "or one withdrawn",
      "each row refused at ingest with its reason (department_not_registered, department_not_entitled, "
          + "department_withdrawn); nothing stored");
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final Clock CLOCK = Clock.systemUTC();
  private static final String DISTRICT = "110105";
  private static final String EMERGENCY = SyntheticDepartments.uscc(DISTRICT,
      SyntheticDepartments.Kind.EMERGENCY_MANAGEMENT);

  @TempDir Path dir;
  private NodeKeyMaterial keys;
  private TestDatabases databases;
  private final ExampleRecords examples = new ExampleRecords(3, DISTRICT);

  @BeforeEach
  void setUp() {
    keys = TestPki.create(dir.resolve("pki")).node("bj-chaoyang", DISTRICT);
    databases = new TestDatabases(Database.Engine.H2, dir);
  }

  private NodeServices node(JdbcStores store) {
    return NodeServices.assemble(CATALOG, MeasuresLoader.load(MeasuresLoader.standard(), CATALOG), keys,
        store.node(), PilotAllowlist.empty(), CLOCK);
  }

  private Map<String, String> penalty() {
    return examples.majorPenalty(examples.enterprise(), "北京示例有限公司", LocalDate.parse("2026-01-05"),
        LocalDate.parse("2029-01-05"));
  }

  @Test
  void onlyRegisteredDepartments_decideOnlyTheirTypes_untilWithdrawn() {
    UNREGISTERED_DEPARTMENT.inflicted();
    try (JdbcStores store = new JdbcStores(databases.open("chaoyang"))) {
      NodeServices node = node(store);
      assertThat(problems(node, List.of(penalty()))).containsExactly("department_not_registered");

      node.departments().register(EMERGENCY, "北京市朝阳区应急管理局", Set.of("red-list"));
      assertThat(problems(node, List.of(penalty()))).as("registered, but not to decide penalties")
          .containsExactly("department_not_entitled");

      node.departments().register(EMERGENCY, "北京市朝阳区应急管理局", Set.of("administrative-penalty"));
      assertThat(problems(node, List.of(penalty()))).isEmpty();

      DepartmentRegistry.Department withdrawn = node.departments().withdraw(EMERGENCY);
      assertThat(withdrawn.active()).isFalse();
      assertThat(problems(node, List.of(penalty()))).containsExactly("department_withdrawn");
      assertThat(store.exchange().versionsByOriginAndType()).as("three registrations, the one penalty ingested")
          .isEqualTo(Map.of("bj-chaoyang", Map.of("department", 3L, "administrative-penalty", 1L)));
    }
  }

  @Test
  void aDepartmentOutsideTheJurisdiction_orAnUnknownType_cannotBeRegistered() {
    try (JdbcStores store = new JdbcStores(databases.open("chaoyang"))) {
      NodeServices node = node(store);
      String pudong = SyntheticDepartments.uscc("310115", SyntheticDepartments.Kind.MARKET_REGULATION);
      assertThatThrownBy(() -> node.departments().register(pudong, "上海市浦东新区市场监督管理局",
          Set.of("administrative-penalty"))).hasMessageContaining("registered in 310115, outside the jurisdiction 110105");
      assertThatThrownBy(() -> node.departments().register(EMERGENCY, "北京市朝阳区应急管理局", Set.of("node-report")))
          .hasMessageContaining("'node-report' is not a record type a department decides");
      assertThatThrownBy(() -> node.departments().register(EMERGENCY, "北京市朝阳区应急管理局", Set.of()))
          .hasMessageContaining("at least one record type");
      assertThatThrownBy(() -> node.departments().withdraw(EMERGENCY))
          .hasMessageContaining("is not registered by this node");
      assertThat(node.departments().held()).isEmpty();
      assertThat(store.records().counts().versions()).isZero();
    }
  }

  @Test
  void registrations_areReadFromTheStore_afterARestart() {
    try (JdbcStores store = new JdbcStores(databases.open("chaoyang"))) {
      NodeServices node = node(store);
      assertThat(SyntheticDepartments.register(node, DISTRICT)).isEqualTo(SyntheticDepartments.Kind.values().length);
      assertThat(SyntheticDepartments.register(node, DISTRICT)).as("held already: nothing new").isZero();
    }
    try (JdbcStores store = new JdbcStores(databases.open("chaoyang"))) {
      NodeServices node = node(store);
      assertThat(node.departments().held()).hasSize(SyntheticDepartments.Kind.values().length)
          .allSatisfy((uscc, d) -> assertThat(d.node()).isEqualTo("bj-chaoyang"));
      assertThat(problems(node, List.of(penalty()))).isEmpty();
    }
  }

  /** The reason codes of the rows refused when {@code rows} of penalties are ingested at {@code node}. */
  private static List<String> problems(NodeServices node, List<Map<String, String>> rows) {
    Mapping mapping = MappingLoader.parse(KeyedRows.mapping(CATALOG.type("administrative-penalty").orElseThrow()),
        "test", CATALOG);
    List<String> codes = new ArrayList<>();
    try (RowSource source = RowSource.open(new ByteArrayInputStream(KeyedRows.jsonLines(rows)), mapping, "t.jsonl")) {
      IngestProgress done = node.ingest().run(mapping, source, "t.jsonl", new IngestJob.Listener() {
        @Override
        public void rejected(SourceRow row, List<RowProblem> found) {
          found.forEach(p -> codes.add(p.code()));
        }

        @Override
        public void progress(IngestProgress progress) {}
      });
      assertThat(done.rejected()).isEqualTo(codes.size());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return codes;
  }
}
