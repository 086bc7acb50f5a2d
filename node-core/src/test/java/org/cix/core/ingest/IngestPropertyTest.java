package org.cix.core.ingest;

import org.cix.core.authority.DepartmentCheck;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.util.Random;
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
import org.cix.reliability.Trials;

/**
 * Department exports and mapping files, fuzzed: random bytes, random text with CSV's special
 * characters, and real exports with bytes altered, as CSV (UTF-8 and GBK) and JSON Lines. Ingest
 * either reads the file (every row accepted or rejected with a reason) or refuses it as bad input;
 * it never fails otherwise, and what it stores is only rows that pass every check. A mapping file
 * of any content loads or is refused with its reasons.
 */
class IngestPropertyTest {
  private static final DepartmentCheck EVERY_DEPARTMENT = IngestJobTest.EVERY_DEPARTMENT;

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

  @BeforeAll
  static void setUp() throws Exception {
    dir = Files.createTempDirectory("cix-ingest-properties-");
    keys = TestPki.create(dir).node("bj-chaoyang", "110105");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PenaltyExports(5, "110105", 0.2).write(out, StandardCharsets.UTF_8, 20);
    export = out.toByteArray();
  }

  @AfterAll
  static void tearDown() throws Exception {
    StagedDirectory.deleteRecursively(dir);
  }

  private static byte[] randomFile(Random random) {
    if (random.nextBoolean()) {
      return Trials.bytes(random, 4000);
    }
    String body = Trials.string(random, ",\"\r\n\uFEFF\u0000\\ 9X1-/年月日0123456789\u4e00\u4e01\u4e8c", 3000);
    return (String.join(",", PenaltyExports.COLUMNS) + "\r\n" + body).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anyFile_isReadOrRefused_neverACrash() {
    Trials.check(300, random -> ingest(randomFile(random), random.nextInt(3)));
  }

  @Test
  void aRealExportWithBytesAltered_storesOnlyValidRows() {
    Trials.check(300, random -> {
      byte[] file = export.clone();
      int changes = 1 + random.nextInt(20);
      for (int i = 0; i < changes; i++) {
        file[random.nextInt(file.length)] = (byte) random.nextInt(256);
      }
      ingest(file, 0);
    });
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
        EVERY_DEPARTMENT, List.of(), new Sealer(keys, CLOCK), store, ids, CLOCK, BatchLimit.rows(7));
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

  private static final String[] KEYS = {"type", "encoding", "format", "columns", "date-formats", "values",
      "constants", "penalty_decision_number", "x", "", "- a", "{", "[1, 2]", "行政相对人名称"};
  private static final String[] VALUES = {"administrative-penalty", "GBK", "UTF-8", "jsonl", "csv", "null", "~", "[]",
      "{}", "yyyy-MM-dd", "'", "\"", "&a", "*a", "!!binary x", "!!binary", "12:30", "!!int x", "!!float", "? a"};

  private static String mapping(Random random) {
    StringBuilder yaml = new StringBuilder();
    int lines = random.nextInt(13);
    for (int i = 0; i < lines; i++) {
      String value = random.nextInt(4) == 0 ? Trials.string(random, "abc: -[]{}'\"!&*#|>", 20)
          : random.nextBoolean() ? VALUES[random.nextInt(VALUES.length)] : KEYS[random.nextInt(KEYS.length)];
      yaml.append("  ".repeat(random.nextInt(4))).append(KEYS[random.nextInt(KEYS.length)]).append(": ")
          .append(value).append('\n');
    }
    return switch (random.nextInt(3)) {
      case 0 -> yaml.toString();
      case 1 -> Trials.string(random, "abcxyz: -[]{}'\"!&*#|>\n\t 0123456789", 300);
      default -> PenaltyExports.mapping(StandardCharsets.UTF_8) + "\n" + yaml;
    };
  }

  @Test
  void anyMappingFile_loadsOrIsRefusedWithItsReasons() {
    Trials.check(1000, random -> {
      String yaml = mapping(random);
      FUZZED_MAPPING.inflicted();
      try {
        Mapping mapping = MappingLoader.parse(yaml, "fuzz.yaml", CATALOG);
        assertThat(mapping.type()).isNotNull();
      } catch (CixException e) {
        assertThat(e.kind()).isEqualTo(CixException.Kind.INVALID_INPUT);
        assertThat(e.getMessage()).startsWith("fuzz.yaml");
      }
    });
  }
}
