package org.cix.core.pack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      PackageRecords.Checked checked = PackageRecords.check(zip, seals, files(manifest), fileProblems);
      JsonObject scope = manifest.has("scope") ? manifest.getAsJsonObject("scope") : new JsonObject();
      String scopeText = PackageJson.text(scope, "subject").isEmpty()
          ? "industry " + PackageJson.text(scope, "industry") + (PackageJson.text(scope, "region").isEmpty() ? ""
              : " in region " + PackageJson.text(scope, "region"))
          : "subject " + PackageJson.text(scope, "subject");
      return new PackageVerification(exporter, scopeText + " as of " + PackageJson.text(scope, "as_of"),
          PackageJson.text(manifest, "purpose"), createdAt, signatureProblem, fileProblems, sealProblems,
          checked.records(), checked.verified(), checked.masked(), checked.problems());
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

  /** Adds a problem for {@code name} when {@code digest} is not the one the manifest gives. */
  static void compare(String name, MessageDigest digest, JsonObject files, Map<String, String> problems) {
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
}
