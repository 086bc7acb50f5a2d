package org.cix.core.ingest;

import org.cix.core.authority.DepartmentCheck;
import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.seal.Sealer;
import org.cix.core.store.InMemoryRecordStore;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.subject.SubjectIds;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.proto.v1.RecordBody;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJobTest {
  /** The registry is not this test's subject: every department counts as registered. */
  static final DepartmentCheck EVERY_DEPARTMENT = (type, fields) -> Optional.empty();

  static final Fault CRASH_MID_INGEST = new Fault(
      "a store failing in the middle of an ingest (in-process crash)",
      "whole batches kept; a rerun completes the file without duplicates");
  static final Fault OTHER_ORIGIN_ROW = new Fault(
      "an export row identifying a record another node made",
      "refused (other_origin), quarantined, reported");
  static final Fault BAD_EXPORT = new Fault(
      "bad department exports: bad check digits, impossible dates, unknown codes, an unclosed "
          + "quote, a wrong column count, missing columns, an empty file, a huge field",
      "rows refused with reason codes and reported (or the file refused, whole batches before "
          + "it kept); the rest ingested");
  private static final Charset GBK = Charset.forName("GBK");
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T02:00:00Z"), ZoneOffset.UTC);
  private static final String HEADER = String.join(",", PenaltyExports.COLUMNS);

  @TempDir Path dir;
  private InMemoryRecordStore store;
  private IngestJob job;
  private final List<String> rejected = new ArrayList<>();
  private final List<IngestProgress> progress = new ArrayList<>();
  private final IngestJob.Listener listener = new IngestJob.Listener() {
    @Override
    public void rejected(SourceRow row, List<RowProblem> problems) {
      rejected.add(row.number() + ":" + problems.get(0).field() + ":" + problems.get(0).code());
    }

    @Override
    public void progress(IngestProgress p) {
      progress.add(p);
    }
  };

  @BeforeEach
  void setUp() {
    TestPki pki = TestPki.create(dir);
    NodeKeyMaterial keys = pki.node("bj-chaoyang", "110105");
    store = new InMemoryRecordStore();
    job = new IngestJob(CATALOG, new NodeIdentity("bj-chaoyang", Jurisdiction.parse("110105")),
        EVERY_DEPARTMENT, List.of(), new Sealer(keys, CLOCK), store,
        new SubjectIds(CLOCK, PilotAllowlist.empty()), CLOCK, BatchLimit.rows(50));
  }

  private IngestProgress ingest(byte[] file, Charset declared) throws Exception {
    Mapping mapping = MappingLoader.parse(PenaltyExports.mapping(declared), "mapping.yaml", CATALOG);
    try (RowSource rows = RowSource.open(new ByteArrayInputStream(file), mapping, "penalties.csv")) {
      return job.run(mapping, rows, "penalties.csv", listener);
    }
  }

  private static byte[] export(long seed, int rows, double defects, Charset charset) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PenaltyExports(seed, "110105", defects).write(out, charset, rows);
    return out.toByteArray();
  }

  private static byte[] csv(String... rows) {
    return (HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String goodRow(String decision, String content) {
    return "某某科技有限公司,法人,9144030071526726XG,张伟," + decision + ",虚假宣传,经查属实,《反不正当竞争法》第二十条,罚款,"
        + content + ",5,2025-03-01,2026-03-01,,北京市朝阳区市场监督管理局,111101050000000004,"
        + "北京市朝阳区市场监督管理局,111101050000000004,F5212,";
  }

  @Test
  void generatedExport_acceptsGoodRows_rejectsEachDefectWithItsReason() throws Exception {
    BAD_EXPORT.inflicted();
    IngestProgress done = ingest(export(1, 200, 0.1, StandardCharsets.UTF_8), StandardCharsets.UTF_8);

    assertThat(done.done()).isTrue();
    assertThat(done.rows()).isEqualTo(200);
    assertThat(done.rejected()).isBetween(8L, 35L).isEqualTo(rejected.size());
    assertThat(done.created()).isEqualTo(200 - done.rejected());
    assertThat(store.counts().records()).isEqualTo(done.created());
    assertThat(store.quarantined).hasSize((int) done.rejected());
    assertThat(rejected).allSatisfy(r -> assertThat(r).matches(
        "\\d+:(subject_id:bad_check_digit|decision_date:bad_date|authority:missing_field|penalty_category:not_in_code_list)"));
    assertThat(progress).hasSizeGreaterThan(3).last().isEqualTo(done);
  }

  @Test
  void rowDecidedByADepartmentOfAnotherDistrict_isRefused_andNothingStored() throws Exception {
    String pudong = PenaltyExports.uscc(new java.util.Random(7), '1', '1', "310115");
    String row = goodRow("沪浦罚〔2025〕1号", "罚款5万元").replace("北京市朝阳区市场监督管理局,111101050000000004,",
        "上海市浦东新区市场监督管理局," + pudong + ",");

    IngestProgress done = ingest(csv(row), StandardCharsets.UTF_8);

    assertThat(done.rejected()).isEqualTo(1);
    assertThat(rejected).containsExactly("1:authority_uscc:department_outside_origin");
    assertThat(store.counts().versions()).isZero();
    assertThat(store.quarantined).singleElement().satisfies(q -> assertThat(q.detail())
        .contains("registered in 310115, outside the jurisdiction 110105"));
  }

  @Test
  void wideRows_areBatchedByTheirText_soFewerWaitInMemory() throws Exception {
    job = new IngestJob(CATALOG, new NodeIdentity("bj-chaoyang", Jurisdiction.parse("110105")),
        EVERY_DEPARTMENT, List.of(), new Sealer(TestPki.create(dir.resolve("wide")).node("bj-chaoyang", "110105"),
            CLOCK), store, new SubjectIds(CLOCK, PilotAllowlist.empty()), CLOCK, new BatchLimit(1_000, 5_000));

    IngestProgress done = ingest(export(3, 100, 0, StandardCharsets.UTF_8), StandardCharsets.UTF_8);

    assertThat(done.created()).isEqualTo(100);
    assertThat(store.counts().versions()).isEqualTo(100);
    // about 300 characters a row: batches of some 17 rows, where 1,000 rows alone would make one
    assertThat(done.batches()).isGreaterThanOrEqualTo(4);
    long before = 0;
    for (IngestProgress p : progress) {
      assertThat(p.rows() - before).isLessThan(50);
      before = p.rows();
    }
    assertThatThrownBy(() -> new BatchLimit(0, 5_000)).hasMessageContaining("at least one row");
  }

  @Test
  void sameFileAgain_changesNothing() throws Exception {
    byte[] file = export(2, 120, 0.05, StandardCharsets.UTF_8);
    IngestProgress first = ingest(file, StandardCharsets.UTF_8);

    IngestProgress second = ingest(file, StandardCharsets.UTF_8);

    assertThat(second.created()).isZero();
    assertThat(second.updated()).isZero();
    assertThat(second.unchanged()).isEqualTo(first.created());
    assertThat(store.counts().versions()).isEqualTo(first.created());
  }

  @Test
  void changedRow_becomesVersionTwo_chainedToVersionOne() throws Exception {
    ingest(csv(goodRow("京朝罚〔2025〕1号", "罚款5万元")), StandardCharsets.UTF_8);

    IngestProgress done = ingest(csv(goodRow("京朝罚〔2025〕1号", "罚款3万元")), StandardCharsets.UTF_8);

    assertThat(done.updated()).isEqualTo(1);
    RecordBody v2 = store.versions.get(1).version().body();
    assertThat(v2.getVersion()).isEqualTo(2);
    assertThat(v2.getPreviousSha256().toByteArray()).isEqualTo(store.versions.get(0).version().sha256());
    assertThat(v2.getPublicityUntil()).as("three years by default").isEqualTo("2028-03-01");
    assertThat(v2.getSubjectKind()).isEqualTo(org.cix.proto.v1.SubjectKind.SUBJECT_KIND_USCC);
    assertThat(v2.getSourceDepartment()).isEqualTo("111101050000000004");
  }

  @Test
  void rowAboutARecordAnotherNodeMade_isRefused_itsVersionStaysCurrent() throws Exception {
    OTHER_ORIGIN_ROW.inflicted();
    ingest(csv(goodRow("京朝罚〔2025〕1号", "罚款5万元")), StandardCharsets.UTF_8);
    IngestJob other = new IngestJob(CATALOG, new NodeIdentity("bj", Jurisdiction.parse("1101")),
        EVERY_DEPARTMENT, List.of(), new Sealer(TestPki.create(dir.resolve("other")).node("bj", "1101"), CLOCK), store,
        new SubjectIds(CLOCK, PilotAllowlist.empty()), CLOCK, BatchLimit.rows(50));
    Mapping mapping = MappingLoader.parse(PenaltyExports.mapping(StandardCharsets.UTF_8), "mapping.yaml", CATALOG);

    IngestProgress done;
    try (RowSource rows = RowSource.open(new ByteArrayInputStream(csv(goodRow("京朝罚〔2025〕1号", "罚款3万元"))),
        mapping, "penalties.csv")) {
      done = other.run(mapping, rows, "penalties.csv", listener);
    }

    assertThat(done.rejected()).isEqualTo(1);
    assertThat(done.updated()).isZero();
    assertThat(rejected).containsExactly("1::other_origin");
    assertThat(store.versions).hasSize(1);
    assertThat(store.quarantined).singleElement().satisfies(q -> assertThat(q.reasonCode()).isEqualTo("other_origin"));
  }

  @Test
  void gbkFile_declaredGbk_isRead_declaredUtf8_isRefusedWithAHint() throws Exception {
    byte[] gbk = export(3, 30, 0, GBK);

    assertThat(ingest(gbk, GBK).created()).isEqualTo(30);
    assertThatThrownBy(() -> ingest(gbk, StandardCharsets.UTF_8))
        .hasMessageContaining("penalties.csv line 1: not valid UTF-8")
        .hasMessageContaining("set 'encoding: GBK' in the mapping");
  }

  @Test
  void malformedCsv_unclosedQuote_failsWithTheLine_afterStoringWholeBatchesOnly() throws Exception {
    BAD_EXPORT.inflicted();
    List<String> good = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      good.add(goodRow("京朝罚〔2025〕" + i + "号", "罚款"));
    }
    byte[] file = (new String(csv(good.toArray(String[]::new)), StandardCharsets.UTF_8) + "\"unclosed,a,b\r\n")
        .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ingest(file, StandardCharsets.UTF_8))
        .hasMessageContaining("a quoted field is never closed");
    assertThat(store.counts().records()).as("the first full batch only").isEqualTo(50);
  }

  @Test
  void rowsAgainstTheNationalRules_areRefusedAtIngest_withTheFieldAndReason() throws Exception {
    String good = goodRow("京朝罚〔2025〕1号", "罚款5万元");
    String noFine = goodRow("京朝罚〔2025〕2号", "罚款").replace(",罚款,5,", ",罚款,,");
    String longPublicity = goodRow("京朝罚〔2025〕3号", "罚款").replace(",2026-03-01,,", ",2026-03-01,2029-03-02,");
    ingest(csv(good, noFine, longPublicity), StandardCharsets.UTF_8);

    assertThat(rejected).containsExactly("2:fine_amount:missing_field", "3:publicity_end:publicity_too_long");
  }

  @Test
  void wrongColumnCount_rejectsTheRow() throws Exception {
    BAD_EXPORT.inflicted();
    ingest(csv(goodRow("京朝罚〔2025〕1号", "罚款"), "a,b,c"), StandardCharsets.UTF_8);

    assertThat(rejected).containsExactly("2::bad_row");
  }

  @Test
  void mappingNamingMissingColumns_failsBeforeAnyRow() {
    BAD_EXPORT.inflicted();
    byte[] file = "名称,代码\r\n甲,乙\r\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ingest(file, StandardCharsets.UTF_8))
        .hasMessageContaining("the mapping names columns the file does not have: 行政相对人名称");
    assertThat(store.appends).isZero();
  }

  @Test
  void emptyFile_isRefused() {
    BAD_EXPORT.inflicted();
    assertThatThrownBy(() -> ingest(new byte[0], StandardCharsets.UTF_8)).hasMessageContaining("empty file");
  }

  @Test
  void hugeField_isRefusedWithoutFillingMemory() {
    BAD_EXPORT.inflicted();
    byte[] file = (HEADER + "\r\n" + "x".repeat(3 << 20) + "\r\n").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ingest(file, StandardCharsets.UTF_8))
        .hasMessageContaining("a line longer than 1048576 characters");
  }

  @Test
  void crashMidIngest_keepsWholeBatches_andARerunCompletesWithoutDuplicates() throws Exception {
    CRASH_MID_INGEST.inflicted();
    byte[] file = export(4, 230, 0, StandardCharsets.UTF_8);
    store.failOnAppend = 3;

    assertThatThrownBy(() -> ingest(file, StandardCharsets.UTF_8)).hasMessageContaining("simulated crash");
    assertThat(store.counts().records()).isEqualTo(100);

    store.failOnAppend = -1;
    IngestProgress rerun = ingest(file, StandardCharsets.UTF_8);

    assertThat(rerun.unchanged()).isEqualTo(100);
    assertThat(rerun.created()).isEqualTo(130);
    assertThat(store.counts().versions()).isEqualTo(230);
  }

  @Test
  void jsonLines_areReadLikeCsv() throws Exception {
    String line = "{\"行政相对人名称\":\"某某科技有限公司\",\"行政相对人类别\":\"法人\",\"统一社会信用代码\":\"9144030071526726XG\","
        + "\"法定代表人\":null,\"行政处罚决定书文号\":\"京朝罚〔2025〕9号\",\"违法行为类型\":\"虚假宣传\",\"违法事实\":\"经查属实\","
        + "\"处罚依据\":\"第二十条\",\"处罚类别\":\"警告；罚款\",\"处罚内容\":\"罚款\",\"罚款金额（万元）\":5,"
        + "\"处罚决定日期\":\"2025年3月1日\",\"处罚有效期\":\"2026/3/1\",\"处罚机关\":\"朝阳区市场监督管理局\","
        + "\"处罚机关统一社会信用代码\":\"111101050000000004\",\"数据来源单位\":\"朝阳区市场监督管理局\","
        + "\"数据来源单位统一社会信用代码\":\"111101050000000004\"}\n[1,2]\n";
    Mapping mapping = MappingLoader.parse(PenaltyExports.mapping(StandardCharsets.UTF_8).replace("format: csv",
        "format: jsonl"), "mapping.yaml", CATALOG);

    try (RowSource rows = RowSource.open(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), mapping,
        "penalties.jsonl")) {
      IngestProgress done = job.run(mapping, rows, "penalties.jsonl", listener);
      assertThat(done.created()).isEqualTo(1);
    }
    RecordBody body = store.versions.get(0).version().body();
    assertThat(body.getFieldsList()).anySatisfy(f -> assertThat(f.getKey() + "=" + f.getValue())
        .isEqualTo("penalty_category=警告;罚款"));
    assertThat(body.getFieldsList()).anySatisfy(f -> assertThat(f.getKey() + "=" + f.getValue())
        .isEqualTo("decision_date=2025-03-01"));
    assertThat(rejected).containsExactly("2::bad_row");
  }
}
