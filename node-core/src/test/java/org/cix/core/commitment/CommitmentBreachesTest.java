package org.cix.core.commitment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.ingest.BatchLimit;
import org.cix.core.ingest.IngestJob;
import org.cix.core.ingest.IngestProgress;
import org.cix.core.ingest.Mapping;
import org.cix.core.ingest.MappingLoader;
import org.cix.core.ingest.RowProblem;
import org.cix.core.ingest.RowSource;
import org.cix.core.ingest.SourceRow;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.Sealer;
import org.cix.core.store.InMemoryRecordStore;
import org.cix.core.store.StoredVersion;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.subject.SubjectIds;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.crypto.pki.TestPki;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.RecordStatus;
import org.cix.proto.v1.SealProof;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A commitment breach is recorded only against a commitment the node holds, within its term. */
class CommitmentBreachesTest {
  static final Fault BREACH_OF_NO_COMMITMENT = new Fault(
      "a department reports breaches of commitments the node does not hold, dated before the commitment "
          + "or after its term",
      "each refused with its reason (commitment_not_held, breach_before_commitment, breach_after_term), "
          + "quarantined; the breach of a held commitment within its term recorded");
  static final Fault BREACH_BY_ANOTHER_DEPARTMENT = new Fault(
      "a department's own account submits a breach of a commitment another department accepted, naming that "
          + "department or itself as the accepting one; a breach of a revoked commitment",
      "refused: department_not_yours, commitment_not_held, commitment_revoked; nothing stored");
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T02:00:00Z"), ZoneOffset.UTC);
  private static final String SUBJECT = "9144030071526726XG";
  private static final String UNIT = "北京市朝阳区市场监督管理局,111101050000000004";
  private static final List<String> COMMITMENT_COLUMNS = List.of("subject_name", "subject_category", "subject_id",
      "commitment_type", "matter", "content", "commitment_date", "valid_to", "accepting_unit", "accepting_unit_uscc",
      "source_unit", "source_unit_uscc");
  private static final List<String> BREACH_COLUMNS = List.of("subject_name", "subject_category", "subject_id",
      "commitment_type", "commitment_date", "breach_date", "breach", "accepting_unit", "accepting_unit_uscc",
      "source_unit", "source_unit_uscc");

  @TempDir Path dir;
  private final InMemoryRecordStore store = new InMemoryRecordStore();
  private final List<String> rejected = new ArrayList<>();
  private IngestJob job;

  @BeforeEach
  void setUp() {
    job = new IngestJob(CATALOG, new NodeIdentity("bj-chaoyang", Jurisdiction.parse("110105")),
        (type, fields) -> Optional.empty(), CommitmentBreaches.of(CATALOG, store),
        new Sealer(TestPki.create(dir).node("bj-chaoyang", "110105"), CLOCK), store,
        new SubjectIds(CLOCK, PilotAllowlist.empty()), CLOCK, BatchLimit.rows(10));
  }

  @Test
  void breaches_areRecordedOnlyAgainstAHeldCommitment_withinItsTerm() throws Exception {
    BREACH_OF_NO_COMMITMENT.inflicted();
    IngestProgress commitments = ingest("credit-commitment", COMMITMENT_COLUMNS,
        commitment("2026-03-01", "2026-09-30"), commitment("2026-04-01", ""), commitment("2026-05-01", "2026-06-30"));
    assertThat(commitments.created()).isEqualTo(3);

    IngestProgress breaches = ingest("commitment-breach", BREACH_COLUMNS,
        breach("2026-03-01", "2026-06-01"),
        breach("2026-03-02", "2026-06-01"),
        breach("2026-04-01", "2026-03-15"),
        breach("2026-05-01", "2026-07-15"));

    assertThat(breaches.created()).isEqualTo(1);
    assertThat(rejected).containsExactly("2:commitment_date:commitment_not_held",
        "3:breach_date:breach_before_commitment", "4:breach_date:breach_after_term");
    assertThat(store.quarantined).extracting(q -> q.reasonCode())
        .containsExactly("commitment_not_held", "breach_before_commitment", "breach_after_term");
    assertThat(store.versions.stream().map(v -> v.version().body().getType()).collect(Collectors.toList()))
        .containsOnlyOnce("commitment-breach");
  }

  @Test
  void anotherDepartmentsAccount_cannotBreachACommitmentItDidNotAccept_norAnyoneARevokedOne() throws Exception {
    BREACH_BY_ANOTHER_DEPARTMENT.inflicted();
    ingest("credit-commitment", COMMITMENT_COLUMNS, commitment("2026-03-01", ""), commitment("2026-04-01", ""));
    String other = PenaltyExports.uscc(new Random(7), '1', '1', "110105");
    String otherUnit = "北京市朝阳区发展和改革委员会," + other;
    long held = store.versions.size();

    ingest("commitment-breach", BREACH_COLUMNS, Optional.of(other),
        breach("2026-03-01", "2026-06-01"),
        breach("2026-03-01", "2026-06-01").replace(UNIT + "," + UNIT, otherUnit + "," + otherUnit));
    assertThat(rejected).containsExactly("1:accepting_unit_uscc:department_not_yours",
        "2:commitment_date:commitment_not_held");

    StoredVersion made = store.versions.stream()
        .filter(v -> v.version().body().getFieldsList().stream().anyMatch(f -> f.getValue().equals("2026-04-01")))
        .findFirst().orElseThrow();
    RecordBody revoked = made.version().body().toBuilder().setVersion(2)
        .setStatus(RecordStatus.RECORD_STATUS_REVOKED).build();
    store.versions.add(new StoredVersion(made.seq() + 100, RecordVersion.create(revoked),
        SealProof.getDefaultInstance(), 0, StoredVersion.Provenance.LOCAL));
    ingest("commitment-breach", BREACH_COLUMNS, Optional.empty(), breach("2026-04-01", "2026-06-01"));
    assertThat(rejected).containsExactly("1:commitment_date:commitment_revoked");
    assertThat(store.versions).hasSize((int) held + 1)
        .noneMatch(v -> v.version().body().getType().equals("commitment-breach"));
  }

  @Test
  void theStandardCatalog_hasTheBreachRule() {
    assertThat(CommitmentBreaches.of(CATALOG, store)).singleElement()
        .satisfies(rule -> assertThat(rule.type()).isEqualTo("commitment-breach"));
  }

  private IngestProgress ingest(String type, List<String> columns, String... rows) throws Exception {
    return ingest(type, columns, Optional.empty(), rows);
  }

  /** Ingests {@code rows}, as the submission of department {@code submitting} when given. */
  private IngestProgress ingest(String type, List<String> columns, Optional<String> submitting, String... rows)
      throws Exception {
    StringBuilder mapping = new StringBuilder("type: " + type + "\nformat: csv\nencoding: UTF-8\ncolumns:\n");
    columns.forEach(c -> mapping.append("  ").append(c).append(": ").append(c).append('\n'));
    Mapping parsed = MappingLoader.parse(mapping.toString(), "mapping.yaml", CATALOG);
    byte[] file = (String.join(",", columns) + "\r\n" + String.join("\r\n", rows) + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
    rejected.clear();
    try (RowSource source = RowSource.open(new ByteArrayInputStream(file), parsed, type + ".csv")) {
      return job.run(parsed, source, type + ".csv", new IngestJob.Listener() {
        @Override
        public void rejected(SourceRow row, List<RowProblem> problems) {
          rejected.add(row.number() + ":" + problems.get(0).field() + ":" + problems.get(0).code());
        }

        @Override
        public void progress(IngestProgress progress) {
        }
      }, submitting);
    }
  }

  private static String commitment(String date, String validTo) {
    return "某某科技有限公司,法人及非法人组织," + SUBJECT + ",证明事项型,申领食品经营许可证,所报材料真实,"
        + date + "," + validTo + "," + UNIT + "," + UNIT;
  }

  private static String breach(String committed, String found) {
    return "某某科技有限公司,法人及非法人组织," + SUBJECT + ",证明事项型," + committed + "," + found
        + ",所报场地证明不实," + UNIT + "," + UNIT;
  }
}
