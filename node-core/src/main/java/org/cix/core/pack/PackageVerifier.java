package org.cix.core.pack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.cix.core.error.CixException;
import org.cix.core.seal.SealVerdict;
import org.cix.core.seal.SealVerifier;
import org.cix.core.seal.Sealer;
import org.cix.crypto.hash.Hashes;
import org.cix.crypto.pki.CertIdentity;
import org.cix.crypto.pki.CertificateProfile;
import org.cix.crypto.pki.ChainValidator;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.sign.Signatures;
import org.cix.proto.v1.CertificateChain;
import org.cix.proto.v1.PackageEvidence;
import org.cix.proto.v1.PackageRecord;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealHeader;

/**
 * Verifies a credit package offline with nothing but the national root certificate: the
 * exporting node's signature over the manifest (its sealing chain valid under the root when the
 * package was made), the digest of every file, each seal against its origin's chain, and each
 * record: its sealed bytes against their hash, its proof against the seal, its readable form
 * against the sealed bytes. Every failure is named with where it is. Records are checked on every
 * core, in batches.
 */
public final class PackageVerifier {
  private static final int BATCH = 2_000;

  private PackageVerifier() {}

  public static PackageVerification verify(Path file, X509Certificate root) {
    return verify(file, List.of(root));
  }

  /** Verifies a package against any of the trusted {@code roots} (two during a root rotation). */
  public static PackageVerification verify(Path file, List<X509Certificate> roots) {
    try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
      byte[] manifestBytes = read(zip, PackageFiles.MANIFEST);
      JsonObject manifest;
      try {
        manifest = JsonParser.parseString(new String(manifestBytes, StandardCharsets.UTF_8)).getAsJsonObject();
      } catch (RuntimeException e) {
        throw CixException.invalidInput(file + ": the manifest is not readable JSON: " + e.getMessage());
      }
      String exporter = PackageJson.text(manifest.getAsJsonObject("exported_by"), "node");
      String createdAt = PackageJson.text(manifest, "created_at");
      ChainValidator validator = new ChainValidator(roots, Clock.fixed(instant(createdAt), ZoneOffset.UTC));
      String signatureProblem = signature(zip, manifestBytes, manifest, validator);
      Map<String, String> fileProblems = files(zip, manifest);
      SealVerdict.Cache seals = new SealVerdict.Cache();
      List<String> sealProblems = seals(zip, validator, seals);
      Checked checked = records(zip, seals, files(manifest), fileProblems);
      JsonObject scope = manifest.has("scope") ? manifest.getAsJsonObject("scope") : new JsonObject();
      String scopeText = PackageJson.text(scope, "subject").isEmpty()
          ? "industry " + PackageJson.text(scope, "industry") + (PackageJson.text(scope, "region").isEmpty() ? ""
              : " in region " + PackageJson.text(scope, "region"))
          : "subject " + PackageJson.text(scope, "subject");
      return new PackageVerification(exporter, scopeText + " as of " + PackageJson.text(scope, "as_of"),
          PackageJson.text(manifest, "purpose"), createdAt, signatureProblem, fileProblems, sealProblems,
          checked.records, checked.verified, checked.masked, checked.problems);
    } catch (IOException e) {
      throw CixException.invalidInput(file + ": not a readable package: " + e.getMessage());
    }
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      return Instant.now();
    }
  }

  private static byte[] read(ZipFile zip, String name) throws IOException {
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      throw CixException.invalidInput("the package has no " + name);
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  /** Empty when the manifest is signed by the node it names, under the root. */
  private static String signature(ZipFile zip, byte[] manifest, JsonObject parsed, ChainValidator validator)
      throws IOException {
    JsonObject signature;
    List<X509Certificate> chain;
    try {
      signature = JsonParser.parseString(new String(read(zip, PackageFiles.SIGNATURE), StandardCharsets.UTF_8))
          .getAsJsonObject();
      List<byte[]> der = new ArrayList<>();
      JsonArray array = signature.getAsJsonArray("chain");
      array.forEach(e -> der.add(Base64.getDecoder().decode(e.getAsString())));
      chain = DerChains.decode(der);
    } catch (RuntimeException | CertificateException e) {
      return "the signature file is not readable: " + e.getMessage();
    }
    CertIdentity identity;
    try {
      identity = validator.validate(chain, CertificateProfile.SEAL);
    } catch (CertificateException e) {
      return "the exporting node's certificate does not hold under the root: " + e.getMessage();
    }
    JsonObject exporter = parsed.getAsJsonObject("exported_by");
    if (exporter == null || !identity.nodeId().orElse("").equals(PackageJson.text(exporter, "node"))
        || !identity.jurisdiction().equals(PackageJson.text(exporter, "jurisdiction"))) {
      return "the manifest names node " + (exporter == null ? "?" : PackageJson.text(exporter, "node"))
          + " but is signed by " + identity.nodeId().orElse("?");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(PackageJson.text(signature, "signature"));
    } catch (IllegalArgumentException e) {
      return "the signature is not base64";
    }
    if (!Signatures.verify(chain.get(0).getPublicKey(), PackageJson.text(signature, "algorithm"), manifest, bytes)) {
      return "the manifest's signature does not verify: the manifest was changed after export";
    }
    return "";
  }

  /**
   * Files whose digest is not the one the manifest gives, with why; the two record files are
   * digested while their records are checked ({@link #records}).
   */
  private static Map<String, String> files(ZipFile zip, JsonObject manifest) throws IOException {
    Map<String, String> problems = new LinkedHashMap<>();
    JsonObject files = files(manifest);
    for (String name : PackageFiles.DIGESTED) {
      if (name.equals(PackageFiles.RECORDS) || name.equals(PackageFiles.RECORDS_PB)) {
        continue;
      }
      ZipEntry entry = zip.getEntry(name);
      if (entry == null) {
        problems.put(name, "missing");
        continue;
      }
      MessageDigest digest = Hashes.newSha256();
      try (InputStream in = zip.getInputStream(entry)) {
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          digest.update(buffer, 0, n);
        }
      } catch (IOException e) {
        problems.put(name, "unreadable: " + e.getMessage());
        continue;
      }
      compare(name, digest, files, problems);
    }
    return problems;
  }

  private static JsonObject files(JsonObject manifest) {
    return manifest.has("files") ? manifest.getAsJsonObject("files") : new JsonObject();
  }

  private static void compare(String name, MessageDigest digest, JsonObject files, Map<String, String> problems) {
    if (!HexFormat.of().formatHex(digest.digest()).equals(PackageJson.text(files, name))) {
      problems.put(name, "changed after export (its SHA-256 is not the one the manifest gives)");
    }
  }

  /** Verifies every seal against its origin chain: seal id to verified header, or to why not. */
  private static List<String> seals(ZipFile zip, ChainValidator validator, SealVerdict.Cache seals)
      throws IOException {
    List<String> problems = new ArrayList<>();
    PackageEvidence evidence;
    try {
      evidence = PackageEvidence.parseFrom(read(zip, PackageFiles.EVIDENCE));
    } catch (InvalidProtocolBufferException e) {
      problems.add(PackageFiles.EVIDENCE + " is not readable: " + e.getMessage());
      return problems;
    }
    Map<String, List<X509Certificate>> chains = new HashMap<>();
    for (CertificateChain chain : evidence.getOriginsList()) {
      try {
        List<X509Certificate> certificates = DerChains.decode(chain.getCertificatesList().stream()
            .map(com.google.protobuf.ByteString::toByteArray).toList());
        chains.put(HexFormat.of().formatHex(Sealer.certificateHash(certificates.get(0))), certificates);
      } catch (CertificateException | RuntimeException e) {
        problems.add("an origin certificate is not readable: " + e.getMessage());
      }
    }
    SealVerifier verifier = new SealVerifier(validator);
    for (Seal seal : evidence.getSealsList()) {
      String id = "?";
      try {
        SealHeader header = SealVerifier.header(seal);
        id = header.getSealId();
        List<X509Certificate> chain = chains.getOrDefault(
            HexFormat.of().formatHex(header.getOriginCertSha256().toByteArray()), List.of());
        seals.put(id, SealVerdict.verified(verifier.verify(seal, chain)));
      } catch (SealVerifier.Failure e) {
        seals.put(id, SealVerdict.refused(e.getMessage()));
        problems.add("seal " + id + ": " + e.getMessage());
      }
    }
    return problems;
  }

  private record Checked(long records, long verified, long masked, List<PackageVerification.RecordProblem> problems) {}

  private record Item(long line, PackageRecord record, String json) {}

  private record Outcome(long verified, long masked, List<PackageVerification.RecordProblem> problems) {}

  private static Checked records(ZipFile zip, SealVerdict.Cache seals, JsonObject digests,
      Map<String, String> fileProblems) throws IOException {
    ZipEntry pb = zip.getEntry(PackageFiles.RECORDS_PB);
    ZipEntry jsonl = zip.getEntry(PackageFiles.RECORDS);
    if (pb == null || jsonl == null) {
      fileProblems.put(pb == null ? PackageFiles.RECORDS_PB : PackageFiles.RECORDS, "missing");
      return new Checked(0, 0, 0, List.of(new PackageVerification.RecordProblem(0, "",
          "the package has no " + (pb == null ? PackageFiles.RECORDS_PB : PackageFiles.RECORDS))));
    }
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread thread = new Thread(r, "cix-package-verify");
      thread.setDaemon(true);
      return thread;
    });
    List<Future<Outcome>> futures = new ArrayList<>();
    List<Outcome> tally = new ArrayList<>();
    int done = 0;
    List<PackageVerification.RecordProblem> problems = new ArrayList<>();
    long line = 0;
    MessageDigest pbDigest = Hashes.newSha256();
    MessageDigest jsonlDigest = Hashes.newSha256();
    try (InputStream records = new java.io.BufferedInputStream(new java.security.DigestInputStream(
            zip.getInputStream(pb), pbDigest), 1 << 16);
        InputStream jsonlStream = new java.security.DigestInputStream(zip.getInputStream(jsonl), jsonlDigest);
        BufferedReader lines = new BufferedReader(new InputStreamReader(jsonlStream, StandardCharsets.UTF_8),
            1 << 16)) {
      List<Item> batch = new ArrayList<>(BATCH);
      while (true) {
        PackageRecord record;
        try {
          record = PackageRecord.parseDelimitedFrom(records);
        } catch (InvalidProtocolBufferException e) {
          problems.add(new PackageVerification.RecordProblem(line + 1, "", PackageFiles.RECORDS_PB
              + " is unreadable from here on: " + e.getMessage()));
          break;
        }
        String json = lines.readLine();
        if (record == null || json == null) {
          if (record != null || json != null) {
            problems.add(new PackageVerification.RecordProblem(line + 1, "", PackageFiles.RECORDS + " and "
                + PackageFiles.RECORDS_PB + " do not hold the same number of records"));
          }
          break;
        }
        line++;
        batch.add(new Item(line, record, json));
        if (batch.size() == BATCH) {
          List<Item> work = batch;
          futures.add(pool.submit(() -> check(work, seals)));
          batch = new ArrayList<>(BATCH);
          while (futures.size() - done > 2 * threads) {
            tally.add(futures.get(done++).get());
          }
        }
      }
      if (!batch.isEmpty()) {
        List<Item> work = batch;
        futures.add(pool.submit(() -> check(work, seals)));
      }
      long verified = 0;
      long masked = 0;
      List<PackageVerification.RecordProblem> found = new ArrayList<>();
      for (Future<Outcome> future : futures.subList(done, futures.size())) {
        tally.add(future.get());
      }
      for (Outcome outcome : tally) {
        verified += outcome.verified;
        masked += outcome.masked;
        found.addAll(outcome.problems);
      }
      found.addAll(problems);
      records.transferTo(java.io.OutputStream.nullOutputStream());
      jsonlStream.transferTo(java.io.OutputStream.nullOutputStream());
      compare(PackageFiles.RECORDS_PB, pbDigest, digests, fileProblems);
      compare(PackageFiles.RECORDS, jsonlDigest, digests, fileProblems);
      return new Checked(line, verified, masked, found);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CixException.invalidInput("verification interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("verifying records failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Outcome check(List<Item> items, SealVerdict.Cache seals) {
    long verified = 0;
    long masked = 0;
    List<PackageVerification.RecordProblem> problems = new ArrayList<>();
    for (Item item : items) {
      String problem = check(item, seals);
      if (problem.isEmpty()) {
        verified++;
      } else if (problem.equals(MASKED)) {
        masked++;
      } else {
        problems.add(new PackageVerification.RecordProblem(item.line, item.record.getRecordId(), problem));
      }
    }
    return new Outcome(verified, masked, problems);
  }

  private static final String MASKED = "masked";

  /** Empty when the record verifies, {@link #MASKED} for a masked record whose place in its seal verifies, else why not. */
  private static String check(Item item, SealVerdict.Cache seals) {
    PackageRecord record = item.record;
    Optional<SealVerdict> seal = seals.get(record.getProof().getSealId());
    if (seal.isEmpty()) {
      return "its seal " + record.getProof().getSealId() + " is not in the package";
    }
    if (seal.get() instanceof SealVerdict.Refused refused) {
      return "its seal does not verify: " + refused.reason();
    }
    SealHeader header = seal.get().verified().orElseThrow();
    byte[] sealed = record.getSealedSha256().toByteArray();
    try {
      SealVerifier.prove(header, record.getProof(), sealed);
    } catch (SealVerifier.Failure e) {
      return "its proof does not verify against seal " + header.getSealId() + ": " + e.getMessage();
    }
    RecordBody parsed = null;
    if (!record.getSealedBody().isEmpty()) {
      byte[] body = record.getSealedBody().toByteArray();
      if (!Arrays.equals(Hashes.sha256(body), sealed)) {
        return "its sealed bytes were changed (their SHA-256 is not the one sealed)";
      }
      try {
        parsed = RecordBody.parseFrom(body);
      } catch (InvalidProtocolBufferException e) {
        return "its sealed bytes are not a record";
      }
      if (!parsed.getOriginNode().equals(header.getOriginNode())) {
        return "it names origin " + parsed.getOriginNode() + " but was sealed by " + header.getOriginNode();
      }
    }
    Optional<String> differs = PackageJson.differs(item.json, record.getRecordId(), parsed);
    if (differs.isEmpty()) {
      return parsed == null ? MASKED : "";
    }
    return switch (differs.get()) {
      case "record_id" -> "line " + item.line + " of " + PackageFiles.RECORDS + " is not the record "
          + PackageFiles.RECORDS_PB + " holds there";
      case "masked" -> parsed == null ? "its sealed bytes are missing but it is not marked masked"
          : "it is marked masked but its sealed bytes are there";
      default -> "its readable form differs from the sealed record at " + differs.get();
    };
  }
}
