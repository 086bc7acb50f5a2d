package org.cix.core.pack;

import com.google.gson.JsonObject;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.cix.crypto.hash.Hashes;
import org.cix.proto.v1.PackageRecord;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.SealHeader;

/**
 * The records of a package, checked one by one: sealed bytes against their hash, proof against
 * the seal, readable line against the sealed bytes ({@link PackageVerifier} checks the rest).
 */
final class PackageRecords {
  private static final int BATCH = 2_000;

  private PackageRecords() {}

  record Checked(long records, long verified, long masked, List<PackageVerification.RecordProblem> problems) {}

  private record Item(long line, PackageRecord record, String json) {}

  private record Outcome(long verified, long masked, List<PackageVerification.RecordProblem> problems) {}

  /**
   * Checks every record of the package on every core, in batches, and the digests of the two
   * record files as they are read.
   */
  static Checked check(ZipFile zip, SealVerdict.Cache seals, JsonObject digests,
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
      PackageVerifier.compare(PackageFiles.RECORDS_PB, pbDigest, digests, fileProblems);
      PackageVerifier.compare(PackageFiles.RECORDS, jsonlDigest, digests, fileProblems);
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
