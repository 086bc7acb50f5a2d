package org.cix.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.error.CixException;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.seal.Sealer;
import org.cix.core.store.InMemoryRecordStore;
import org.cix.core.store.StoredVersion;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.subject.SubjectIds;
import org.cix.core.synthetic.PenaltyExports;
import org.cix.crypto.pem.StagedDirectory;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.reliability.Fault;

/**
 * Department exports and mapping files, fuzzed: random bytes, random text with CSV's special
 * characters, and real exports with bytes altered, as CSV (UTF-8 and GBK) and JSON Lines. Ingest
 * either reads the file (every row accepted or rejected with a reason) or refuses it as bad input;
 * it never fails otherwise, and what it stores is only rows that pass every check. A mapping file
 * of any content loads or is refused with its reasons.
 */
class IngestProperties {
  static final Fault FUZZED_EXPORT = new Fault(
      "a department export of random bytes, random CSV-like text, or a real export with bytes altered "
          + "(CSV in UTF-8 and GBK, JSON Lines; property-based)",
      "rows rejected with reasons or the file refused as bad input; never a crash; only rows that pass every "
          + "check are stored");
  static final Fault FUZZED_MAPPING = new Fault(
      "a mapping file of random YAML (random keys, values and nesting) or random text (property-based)",
      "loaded, or refused naming what is wrong; never a crash");

  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T02:00:00Z"), ZoneOffset.UTC);
  private static final Charset GBK = Charset.forName("GBK");
  private static Path dir;
  private static NodeKeyMaterial keys;
  private static byte[] export;

  @BeforeContainer
  static void setUp() throws Exception {
    dir = Files.createTempDirectory("cix-ingest-properties-");
    keys = TestPki.create(dir).node("bj-chaoyang", "110105");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PenaltyExports(5, "110105", 0.2).write(out, StandardCharsets.UTF_8, 20);
    export = out.toByteArray();
  }

  @AfterContainer
  static void tearDown() throws Exception {
    StagedDirectory.deleteRecursively(dir);
  }

  @Provide
  Arbitrary<byte[]> randomFiles() {
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(4000);
    Arbitrary<byte[]> csvLike = Arbitraries.strings().withChars(",\"\r\n\uFEFF\u0000\\ 9X1-/年月日")
        .withCharRange('0', '9').withCharRange('\u4e00', '\u4e20').ofMaxLength(3000)
        .map(body -> (String.join(",", PenaltyExports.COLUMNS) + "\r\n" + body).getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(bytes, csvLike);
  }

  @Property(tries = 300)
  void anyFile_isReadOrRefused_neverACrash(@ForAll("randomFiles") byte[] file,
      @ForAll @IntRange(max = 2) int format) throws Exception {
    ingest(file, format);
  }

  @Property(tries = 300)
  void aRealExportWithBytesAltered_storesOnlyValidRows(@ForAll @IntRange(min = 1, max = 20) int changes,
      @ForAll("positions") List<Integer> at, @ForAll("positions") List<Integer> value) throws Exception {
    byte[] file = export.clone();
    for (int i = 0; i < changes; i++) {
      file[at.get(i % at.size()) % file.length] = (byte) (int) value.get(i % value.size());
    }
    ingest(file, 0);
  }

  @Provide
  Arbitrary<List<Integer>> positions() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(20);
  }

  private void ingest(byte[] file, int format) throws Exception {
    Charset charset = format == 1 ? GBK : StandardCharsets.UTF_8;
    String mappingText = format == 2
        ? PenaltyExports.mapping(StandardCharsets.UTF_8).replace("format: csv", "format: jsonl")
        : PenaltyExports.mapping(charset);
    Mapping mapping = MappingLoader.parse(mappingText, "mapping.yaml", CATALOG);
    InMemoryRecordStore store = new InMemoryRecordStore();
    SubjectIds ids = new SubjectIds(CLOCK, PilotAllowlist.empty());
    IngestJob job = new IngestJob(CATALOG, new NodeIdentity("bj-chaoyang", Jurisdiction.parse("110105")),
        new Sealer(keys, CLOCK), store, ids, CLOCK, 7);
    FUZZED_EXPORT.inflicted();
    try (RowSource rows = RowSource.open(new ByteArrayInputStream(file), mapping, "fuzz.csv")) {
      IngestProgress done = job.run(mapping, rows, "fuzz.csv", new IngestJob.Listener() {
        @Override
        public void rejected(SourceRow row, List<RowProblem> problems) {
          assertThat(problems).isNotEmpty();
        }

        @Override
        public void progress(IngestProgress progress) {}
      });
      assertThat(done.accepted() + done.rejected()).isEqualTo(done.rows());
    } catch (CixException e) {
      assertThat(e.kind()).isEqualTo(CixException.Kind.INVALID_INPUT);
      assertThat(e.getMessage()).isNotBlank();
    }
    for (StoredVersion stored : store.versions) {
      assertThat(ids.check(stored.version().body().getSubjectId()).isValid()).as(stored.version().body().getSubjectId()).isTrue();
      assertThat(stored.version().fields()).containsKeys("decision_number", "authority_uscc");
    }
  }

  @Provide
  Arbitrary<String> mappings() {
    Arbitrary<String> keys = Arbitraries.of("type", "encoding", "format", "columns", "date-formats", "values",
        "constants", "penalty_decision_number", "x", "", "- a", "{", "[1, 2]", "行政相对人名称");
    Arbitrary<String> values = Arbitraries.oneOf(keys, Arbitraries.strings().ofMaxLength(20),
        Arbitraries.of("administrative-penalty", "GBK", "UTF-8", "jsonl", "csv", "null", "~", "[]", "{}", "yyyy-MM-dd",
            "'", "\"", "&a", "*a", "!!binary x", "12:30"));
    Arbitrary<String> line = Arbitraries.integers().between(0, 3).flatMap(indent -> keys.flatMap(k -> values.map(
        v -> "  ".repeat(indent) + k + ": " + v)));
    Arbitrary<String> yaml = line.list().ofMaxSize(12).map(lines -> String.join("\n", lines));
    return Arbitraries.oneOf(yaml, Arbitraries.strings().ofMaxLength(300),
        yaml.map(y -> PenaltyExports.mapping(StandardCharsets.UTF_8) + "\n" + y));
  }

  @Property(tries = 1000)
  void anyMappingFile_loadsOrIsRefusedWithItsReasons(@ForAll("mappings") String yaml) {
    FUZZED_MAPPING.inflicted();
    try {
      Mapping mapping = MappingLoader.parse(yaml, "fuzz.yaml", CATALOG);
      assertThat(mapping.type()).isNotNull();
    } catch (CixException e) {
      assertThat(e.kind()).isEqualTo(CixException.Kind.INVALID_INPUT);
      assertThat(e.getMessage()).startsWith("fuzz.yaml");
    }
  }
}
