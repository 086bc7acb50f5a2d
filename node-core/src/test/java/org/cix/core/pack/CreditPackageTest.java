package org.cix.core.pack;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.discipline.MeasuresLoader;
import org.cix.core.node.InMemoryNodeStores;
import org.cix.core.node.NodeServices;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.synthetic.ExampleRecords;
import org.cix.core.synthetic.TestExports;
import org.cix.crypto.pki.TestPki;
import org.cix.proto.v1.PackageEvidence;
import org.cix.proto.v1.PackageRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credit packages at one node, on stores in memory (packages read only what every store gives): a
 * subject's and an industry's packages verify with the root alone; every kind of tampering (a
 * record's sealed bytes, its readable form, a proof, a seal, an origin certificate, the manifest)
 * is found and located.
 */
class CreditPackageTest {
  static final Fault PACKAGE_TAMPERED = new Fault(
      "a credit package altered after export: a byte of a record's sealed bytes, its readable "
          + "form, a proof, a seal's signature, an origin certificate, the manifest; verified against "
          + "another federation's root",
      "each found and located (the record's line, the seal, the file, the signature)");
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());

  @TempDir Path dir;
  private TestPki pki;
  private NodeServices node;
  private String subject;

  @BeforeEach
  void setUp() {
    pki = TestPki.create(dir.resolve("pki"));
    node = NodeServices.assemble(CATALOG, MeasuresLoader.load(MeasuresLoader.standard(), CATALOG),
        pki.node("bj-chaoyang", "110105"), InMemoryNodeStores.create(), PilotAllowlist.empty(), Clock.systemUTC());
    ExampleRecords examples = new ExampleRecords(91, "110105");
    subject = examples.enterprise();
    LocalDate today = LocalDate.now();
    TestExports.keyed(node, "administrative-penalty", List.of(
        examples.majorPenalty(subject, "北京数据包示例有限公司", today.minusMonths(2), today.plusYears(2)),
        examples.majorPenalty(subject, "北京数据包示例有限公司", today.minusMonths(1), today.plusYears(2))));
    TestExports.keyed(node, "red-list", List.of(examples.redList(subject, "北京数据包示例有限公司",
        today.minusMonths(3))));
    TestExports.penalties(node, 92, "110105", 300);
  }

  private Path export(PackageScope scope, String name) throws IOException {
    Path file = dir.resolve(name);
    PackageSummary summary;
    try (OutputStream out = Files.newOutputStream(file)) {
      summary = node.packages().export(new PackageWriter.Request(scope, "信贷审查 王芳", "贷款审批"), out);
    }
    assertThat(summary.bytes()).isEqualTo(Files.size(file));
    return file;
  }

  private PackageVerification verify(Path file) {
    return PackageVerifier.verify(file, pki.root().certificate());
  }

  @Test
  void subjectPackage_roundTrip_verifiesWithTheRootAlone_andIsAudited() throws IOException {
    Path file = export(new PackageScope(Optional.of(subject), Optional.empty(), Optional.empty(), Set.of(),
        LocalDate.now()), "subject.zip");

    PackageVerification v = verify(file);
    assertThat(v.intact()).as(v.toString()).isTrue();
    assertThat(v.records()).isEqualTo(3);
    assertThat(v.verified()).isEqualTo(3);
    assertThat(v.exporter()).isEqualTo("bj-chaoyang");
    assertThat(v.scope()).isEqualTo("subject " + subject + " as of " + LocalDate.now());
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String summary = new String(zip.getInputStream(zip.getEntry("summary.html")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertThat(summary).contains("北京数据包示例有限公司").contains("restricted 限制")
          .contains("参加政府采购活动前三年内有重大违法记录的，不得参加").contains("incentives 激励").doesNotContain("<script");
      String catalog = new String(zip.getInputStream(zip.getEntry("catalog.json")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertThat(catalog).contains("\"label\":\"行政处罚\"").contains("\"label_en\":\"Administrative penalty\"");
    }
    assertThat(node.audit().after(0, 100)).anySatisfy(e -> {
      assertThat(e.event().action()).isEqualTo("package.export");
      assertThat(e.event().subject()).isEqualTo(subject);
      assertThat(e.event().detail()).contains("purpose=贷款审批").contains("records=3");
    });
  }

  @Test
  void industryPackage_holdsTheIndustrysRecordsInTheRegion_andItsPolicyNotices() throws IOException {
    Map<String, String> notice = new LinkedHashMap<>();
    notice.put("title", "关于规范零售业预付卡经营的通知");
    notice.put("notice_number", "京商发〔2026〕12号");
    notice.put("issuer", "北京市商务局");
    notice.put("issuer_uscc", new ExampleRecords(93, "110105").enterprise());
    notice.put("industry_code", "F52");
    notice.put("region_scope", "1101");
    notice.put("effective_date", "2026-10-01");
    notice.put("summary", "零售企业发行预付卡应当备案并存管预收资金。");
    notice.put("source_unit", "北京市商务局");
    notice.put("source_unit_uscc", "111101050000000004");
    TestExports.keyed(node, "industry-policy", List.of(notice));

    Path file = export(new PackageScope(Optional.empty(), Optional.of("f52"), Optional.of("110105"), Set.of(),
        LocalDate.now()), "industry.zip");

    PackageVerification v = verify(file);
    assertThat(v.intact()).as(v.toString()).isTrue();
    List<String> lines;
    try (ZipFile zip = new ZipFile(file.toFile())) {
      lines = new String(zip.getInputStream(zip.getEntry("records.jsonl")).readAllBytes(), StandardCharsets.UTF_8)
          .lines().toList();
    }
    assertThat(lines).hasSize((int) v.records()).allSatisfy(line ->
        assertThat(line).containsAnyOf("\"industry_code\":\"F52", "\"type\":\"industry-policy\""));
    assertThat(lines).filteredOn(l -> l.contains("industry-policy")).hasSize(1);
    assertThat(v.records()).as("one in eight of the 300 generated penalties is in retail (F52xx), and the notice")
        .isBetween(20L, 60L);
    assertThatThrownBy(() -> export(new PackageScope(Optional.empty(), Optional.of("Z99"), Optional.empty(),
        Set.of(), LocalDate.now()), "bad.zip")).hasMessageContaining("is not a GB/T 4754 industry code");
  }

  @Test
  void tamperingWithAnyPart_isFoundAndLocated() throws IOException {
    PACKAGE_TAMPERED.inflicted();
    Path file = export(new PackageScope(Optional.of(subject), Optional.empty(), Optional.empty(), Set.of(),
        LocalDate.now()), "subject.zip");

    PackageVerification body = verify(rewrite(file, "records.pb", records(list -> {
      PackageRecord second = list.get(1);
      byte[] bytes = second.getSealedBody().toByteArray();
      bytes[bytes.length / 2] ^= 1;
      list.set(1, second.toBuilder().setSealedBody(ByteString.copyFrom(bytes)).build());
      return list;
    })));
    assertThat(body.intact()).isFalse();
    assertThat(body.fileProblems()).containsKey("records.pb");
    assertThat(body.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.reason()).contains("sealed bytes were changed");
    });

    PackageVerification readable = verify(rewrite(file, "records.jsonl", bytes -> new String(bytes,
        StandardCharsets.UTF_8).replaceFirst("北京数据包示例有限公司", "北京另一家有限公司").getBytes(StandardCharsets.UTF_8)));
    assertThat(readable.fileProblems()).containsKey("records.jsonl");
    assertThat(readable.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.reason()).isEqualTo("its readable form differs from the sealed record at fields.subject_name");
    });

    PackageVerification proof = verify(rewrite(file, "records.pb", records(list -> {
      PackageRecord third = list.get(2);
      list.set(2, third.toBuilder().setProof(third.getProof().toBuilder().setLeafIndex(third.getProof()
          .getLeafIndex() + 1)).build());
      return list;
    })));
    assertThat(proof.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.reason()).contains("proof does not verify");
    });

    PackageVerification seal = verify(rewrite(file, "evidence.pb", evidence(e -> e.toBuilder().setSeals(0,
        e.getSeals(0).toBuilder().setSignature(ByteString.copyFrom(new byte[64]))).build())));
    assertThat(seal.sealProblems()).singleElement().asString().contains("seal signature does not verify");
    assertThat(seal.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.reason()).startsWith("its seal does not verify"));

    PackageVerification certificate = verify(rewrite(file, "evidence.pb", evidence(e -> {
      byte[] der = e.getOrigins(0).getCertificates(0).toByteArray();
      der[der.length - 10] ^= 1;
      return e.toBuilder().setOrigins(0, e.getOrigins(0).toBuilder().setCertificates(0, ByteString.copyFrom(der)))
          .build();
    })));
    assertThat(certificate.intact()).isFalse();
    assertThat(certificate.sealProblems()).isNotEmpty();

    PackageVerification manifest = verify(rewrite(file, "manifest.json", bytes -> new String(bytes,
        StandardCharsets.UTF_8).replace("贷款审批", "任意用途").getBytes(StandardCharsets.UTF_8)));
    assertThat(manifest.signatureProblem()).contains("the manifest was changed after export");
    assertThat(manifest.purpose()).isEqualTo("任意用途");

    PackageVerification foreignRoot = PackageVerifier.verify(file,
        TestPki.create(dir.resolve("other-pki")).root().certificate());
    assertThat(foreignRoot.signatureProblem()).contains("does not hold under the root");
    assertThat(foreignRoot.problems()).isNotEmpty();
  }

  /** An edit of records.pb, record by record. */
  private static UnaryOperator<byte[]> records(UnaryOperator<List<PackageRecord>> edit) {
    return bytes -> {
      List<PackageRecord> list = new ArrayList<>();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = new ByteArrayInputStream(bytes)) {
        for (PackageRecord r = PackageRecord.parseDelimitedFrom(in); r != null; r = PackageRecord.parseDelimitedFrom(in)) {
          list.add(r);
        }
        for (PackageRecord r : edit.apply(list)) {
          r.writeDelimitedTo(out);
        }
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      return out.toByteArray();
    };
  }

  private static UnaryOperator<byte[]> evidence(UnaryOperator<PackageEvidence> edit) {
    return bytes -> {
      try {
        return edit.apply(PackageEvidence.parseFrom(bytes)).toByteArray();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    };
  }

  /** A copy of {@code file} with entry {@code name} edited; every other entry as it was. */
  private Path rewrite(Path file, String name, UnaryOperator<byte[]> edit) throws IOException {
    Path copy = dir.resolve("tampered-" + System.nanoTime() + ".zip");
    try (ZipFile zip = new ZipFile(file.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        byte[] bytes = zip.getInputStream(entry).readAllBytes();
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(entry.getName().equals(name) ? edit.apply(bytes) : bytes);
        out.closeEntry();
      }
    }
    return copy;
  }
}
