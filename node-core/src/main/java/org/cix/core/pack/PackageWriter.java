package org.cix.core.pack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.FieldDef;
import org.cix.core.discipline.Measures;
import org.cix.core.node.NodeIdentity;
import org.cix.core.record.RecordFields;
import org.cix.core.seal.Sealer;
import org.cix.crypto.hash.Hashes;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.sign.Signatures;
import org.cix.proto.v1.CertificateChain;
import org.cix.proto.v1.PackageEvidence;
import org.cix.proto.v1.PackageRecord;
import org.cix.proto.v1.Seal;

/**
 * Writes a credit package: the records in their standard JSON form (fields under catalog keys,
 * labels in catalog.json), the sealed bytes and proofs beside them, the seals and origin chains
 * once each, a summary page, and a manifest with the digest of every file, signed by this node's
 * sealing key. Masked records carry their proof but not their sealed bytes.
 */
public final class PackageWriter {
  private final Catalog catalog;
  private final NodeKeyMaterial keys;
  private final NodeIdentity self;
  private final Clock clock;

  public PackageWriter(Catalog catalog, NodeKeyMaterial keys, NodeIdentity self, Clock clock) {
    this.catalog = catalog;
    this.keys = keys;
    this.self = self;
    this.clock = clock;
  }

  /** What the manifest says besides counts and digests. */
  public record Request(PackageScope scope, String askedBy, String purpose) {}

  public PackageSummary write(List<PackagedRecord> records, Request request, Measures measures, long withoutEvidence,
      OutputStream out) {
    Map<String, String> digests = new LinkedHashMap<>();
    Map<String, Seal> seals = new LinkedHashMap<>();
    Map<String, List<X509Certificate>> chains = new LinkedHashMap<>();
    Set<String> subjects = new LinkedHashSet<>();
    Set<String> types = new TreeSet<>();
    long masked = 0;
    for (PackagedRecord record : records) {
      seals.putIfAbsent(record.evidence().proof().getSealId(), record.evidence().seal());
      X509Certificate leaf = record.evidence().originChain().get(0);
      chains.putIfAbsent(HexFormat.of().formatHex(Sealer.certificateHash(leaf)), record.evidence().originChain());
      subjects.add(record.entry().stored().version().body().getSubjectId());
      types.add(record.entry().stored().version().body().getType());
      masked += record.masked() ? 1 : 0;
    }
    CountingOutputStream counted = new CountingOutputStream(out);
    try (ZipOutputStream zip = new ZipOutputStream(counted, StandardCharsets.UTF_8)) {
      entry(zip, PackageFiles.CATALOG, digests, Deflater.DEFAULT_COMPRESSION, o -> catalogJson(types, o));
      entry(zip, PackageFiles.RECORDS, digests, Deflater.DEFAULT_COMPRESSION, o -> recordsJson(records, request, o));
      entry(zip, PackageFiles.RECORDS_PB, digests, Deflater.NO_COMPRESSION, o -> {
        for (PackagedRecord record : records) {
          PackageRecord.Builder proto = PackageRecord.newBuilder()
              .setRecordId(record.entry().stored().version().recordId())
              .setVersion(record.entry().stored().version().version())
              .setSealedSha256(ByteString.copyFrom(record.evidence().sealedSha256()))
              .setProof(record.evidence().proof());
          if (!record.masked()) {
            proto.setSealedBody(ByteString.copyFrom(record.entry().stored().version().bytesUnsafe()));
          }
          proto.build().writeDelimitedTo(o);
        }
      });
      entry(zip, PackageFiles.EVIDENCE, digests, Deflater.DEFAULT_COMPRESSION, o -> {
        PackageEvidence.Builder evidence = PackageEvidence.newBuilder().addAllSeals(seals.values());
        for (List<X509Certificate> chain : chains.values()) {
          CertificateChain.Builder proto = CertificateChain.newBuilder();
          DerChains.encode(chain).forEach(der -> proto.addCertificates(ByteString.copyFrom(der)));
          evidence.addOrigins(proto);
        }
        evidence.build().writeTo(o);
      });
      entry(zip, PackageFiles.SUMMARY, digests, Deflater.DEFAULT_COMPRESSION, o -> o.write(
          SummaryPage.html(records, request, catalog, measures, self).getBytes(StandardCharsets.UTF_8)));
      PackageSummary summary = new PackageSummary(records.size(), subjects.size(), masked, seals.size(),
          chains.size(), withoutEvidence, 0);
      byte[] manifest = manifest(request, summary, digests);
      entry(zip, PackageFiles.MANIFEST, new LinkedHashMap<>(), Deflater.DEFAULT_COMPRESSION, o -> o.write(manifest));
      entry(zip, PackageFiles.SIGNATURE, new LinkedHashMap<>(), Deflater.DEFAULT_COMPRESSION,
          o -> o.write(signature(manifest)));
      zip.finish();
      return new PackageSummary(summary.records(), summary.subjects(), summary.masked(), summary.seals(),
          summary.certificates(), withoutEvidence, counted.count);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface Content {
    void write(OutputStream out) throws IOException;
  }

  private static void entry(ZipOutputStream zip, String name, Map<String, String> digests, int level, Content content)
      throws IOException {
    zip.setLevel(level);
    zip.putNextEntry(new ZipEntry(name));
    MessageDigest digest = Hashes.newSha256();
    DigestOutputStream out = new DigestOutputStream(new NonClosingOutputStream(zip), digest);
    content.write(out);
    out.flush();
    zip.closeEntry();
    digests.put(name, HexFormat.of().formatHex(digest.digest()));
  }

  private void catalogJson(Set<String> types, OutputStream out) throws IOException {
    JsonObject root = new JsonObject();
    root.addProperty("catalog_version", catalog.version());
    JsonObject byType = new JsonObject();
    for (String id : types) {
      catalog.type(id).ifPresent(type -> {
        JsonObject t = new JsonObject();
        t.addProperty("label", type.label());
        t.addProperty("label_en", type.labelEn());
        JsonObject fields = new JsonObject();
        for (FieldDef field : type.fields()) {
          JsonObject f = new JsonObject();
          f.addProperty("label", field.label());
          f.addProperty("label_en", field.labelEn());
          fields.add(field.key(), f);
        }
        t.add("fields", fields);
        byType.add(id, t);
      });
    }
    root.add("types", byType);
    out.write(root.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void recordsJson(List<PackagedRecord> records, Request request, OutputStream out) throws IOException {
    Writer text = new OutputStreamWriter(new NonClosingOutputStream(out), StandardCharsets.UTF_8);
    for (PackagedRecord record : records) {
      JsonWriter json = new JsonWriter(text);
      PackageJson.write(record.entry().stored().version().body(), record.masked(),
          RecordFields.publicOn(record.entry().stored().version().body(), request.scope().asOf()), json);
      json.flush();
      text.write('\n');
    }
    text.flush();
  }

  private byte[] manifest(Request request, PackageSummary summary, Map<String, String> digests) {
    JsonObject manifest = new JsonObject();
    manifest.addProperty("format", PackageFiles.FORMAT);
    JsonObject exporter = new JsonObject();
    exporter.addProperty("node", self.nodeId());
    exporter.addProperty("jurisdiction", self.jurisdiction().code());
    manifest.add("exported_by", exporter);
    manifest.addProperty("asked_by", request.askedBy());
    manifest.addProperty("purpose", request.purpose());
    JsonObject scope = new JsonObject();
    scope.addProperty("subject", request.scope().subject().orElse(""));
    scope.addProperty("industry", request.scope().industry().orElse(""));
    scope.addProperty("region", request.scope().region().orElse(""));
    JsonArray types = new JsonArray();
    new TreeSet<>(request.scope().types()).forEach(types::add);
    scope.add("types", types);
    scope.addProperty("as_of", request.scope().asOf().toString());
    manifest.add("scope", scope);
    manifest.addProperty("created_at", clock.instant().toString());
    manifest.addProperty("catalog_version", catalog.version());
    JsonObject counts = new JsonObject();
    counts.addProperty("records", summary.records());
    counts.addProperty("subjects", summary.subjects());
    counts.addProperty("masked", summary.masked());
    counts.addProperty("seals", summary.seals());
    counts.addProperty("certificates", summary.certificates());
    counts.addProperty("left_out_without_evidence", summary.withoutEvidence());
    manifest.add("counts", counts);
    JsonObject files = new JsonObject();
    digests.forEach(files::addProperty);
    manifest.add("files", files);
    return manifest.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] signature(byte[] manifest) {
    NodeKeyMaterial.Pairs signer = keys.current();
    JsonObject signature = new JsonObject();
    signature.addProperty("algorithm", Signatures.algorithm(signer.sealKey()));
    signature.addProperty("signature", Base64.getEncoder().encodeToString(Signatures.sign(signer.sealKey(),
        manifest)));
    JsonArray chain = new JsonArray();
    DerChains.encode(signer.sealChain()).forEach(der -> chain.add(Base64.getEncoder().encodeToString(der)));
    signature.add("chain", chain);
    return signature.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static final class CountingOutputStream extends java.io.FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
