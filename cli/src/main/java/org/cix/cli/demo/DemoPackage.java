package org.cix.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipFile;
import org.cix.core.error.CixException;
import org.cix.core.pack.PackageVerification;
import org.cix.core.pack.PackageVerifier;
import org.cix.crypto.pem.PemFiles;
import org.cix.federation.admin.AdminClient;
import org.cix.proto.v1.ExportPackageRequest;
import org.cix.proto.v1.PackageExported;
import org.cix.proto.v1.PackageRecord;

/**
 * The demo's credit package: the listed enterprise's package exported at the other city's
 * district, verified offline with the national root alone; then a copy with one byte of one
 * record's sealed bytes flipped, which fails verification at that record.
 */
final class DemoPackage {
  private final Path dir;
  private final PrintWriter out;

  DemoPackage(Path dir, PrintWriter out) {
    this.dir = dir;
    this.out = out;
  }

  void show(String subject, String at, AdminClient client, Path root) throws IOException {
    Path packages = Files.createDirectories(dir.resolve("packages"));
    Path file = packages.resolve(subject + ".zip");
    PackageExported done;
    try (OutputStream stream = Files.newOutputStream(file)) {
      done = client.exportPackage(ExportPackageRequest.newBuilder().setSubjectId(subject)
          .setPurpose("银行授信审查 (demo)").setAskedBy("某银行 授信部 (demo)").build(), stream, Duration.ofMinutes(1));
    }
    out.printf("credit package of %s exported at %s (cix package export --subject %s --out %s): %d records, "
        + "%d seals, %,d bytes%n", subject, at, subject, dir.relativize(file), done.getRecords(), done.getSeals(),
        done.getBytes());
    PackageVerification good = PackageVerifier.verify(file, PemFiles.readCertificates(root).get(0));
    out.printf("cix package verify %s --root root.crt (offline): %s, %d of %d records verified, manifest signed by %s%n",
        file.getFileName(), good.intact() ? "VERIFIED" : "NOT VERIFIED", good.verified(), good.records(),
        good.exporter());

    Path tampered = packages.resolve(subject + "-tampered.zip");
    long at2 = flipInFirstRecord(file, tampered);
    PackageVerification bad = PackageVerifier.verify(tampered, PemFiles.readCertificates(root).get(0));
    if (bad.intact() || bad.problems().isEmpty()) {
      throw new CixException(CixException.Kind.UNAVAILABLE, "the tampered package verified");
    }
    PackageVerification.RecordProblem problem = bad.problems().get(0);
    out.printf("one byte flipped at offset %,d of a copy: NOT VERIFIED at line %d, record %s: %s%n", at2,
        problem.line(), problem.recordId(), problem.reason());
  }

  /** Copies {@code file} with one byte in the middle of the first record's sealed bytes flipped; returns its offset. */
  private static long flipInFirstRecord(Path file, Path copy) throws IOException {
    byte[] body;
    try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry("records.pb"))) {
      body = PackageRecord.parseDelimitedFrom(in).getSealedBody().toByteArray();
    }
    byte[] bytes = Files.readAllBytes(file);
    int start = indexOf(bytes, body);
    if (start < 0) {
      throw new CixException(CixException.Kind.UNAVAILABLE, "the first record's sealed bytes are not stored as is");
    }
    int offset = start + body.length / 2;
    bytes[offset] ^= 0x01;
    Files.write(copy, bytes);
    return offset;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
