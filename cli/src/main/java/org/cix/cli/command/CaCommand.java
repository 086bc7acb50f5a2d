package org.cix.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cix.crypto.pem.PemFiles;
import org.cix.crypto.pki.Revocations;
import org.cix.proto.v1.RevocationListInfo;
import org.cix.proto.v1.RevocationLists;
import org.cix.proto.v1.RevocationsPublished;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.cix.crypto.pem.StagedDirectory;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.crypto.pki.EnrolmentRequest;
import org.cix.crypto.pki.DerChains;
import org.cix.crypto.pki.Fingerprints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cix ca}: the national root certificate authority. */
@Command(name = "ca", description = "Certificate authority work: the root, enrolment requests, revocation lists.",
    subcommands = {CaCommand.Init.class, CaCommand.Rotate.class, CaCommand.Sign.class, CaCommand.Revoke.class, CaCommand.Reissue.class,
        CaCommand.Publish.class, CaCommand.Revoked.class},
    mixinStandardHelpOptions = true)
public final class CaCommand implements Runnable {
  /** The revocation list a CA directory keeps, beside its key. */
  static final String CRL_FILE = "crl.pem";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code cix ca init}. */
  @Command(name = "init", description = "Create the national root CA in a new directory.",
      mixinStandardHelpOptions = true)
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New directory for the CA.")
    Path out;

    @Option(names = "--name", required = true, description = "Name of the root, e.g. \"National Credit Root\".")
    String name;

    @Option(names = "--days", defaultValue = "7300", description = "Validity in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() {
      if (name.isBlank()) {
        throw new IllegalArgumentException("--name must not be empty");
      }
      CertificateAuthority root = CertificateAuthority.createRoot(name, Duration.ofDays(days), Clock.systemUTC());
      StagedDirectory.create(out, root::writeTo);
      var o = spec.commandLine().getOut();
      o.println("national root CA \"" + name + "\" created in " + out);
      o.println("  certificate  " + out.resolve(CertificateAuthority.ROOT_FILE) + " (give it to every site; "
          + CertificateAuthority.CERT_FILE + " beside it is the same certificate, this CA's own copy)");
      o.println("  private key  " + out.resolve(CertificateAuthority.KEY_FILE) + " (owner-only; keep it offline)");
      o.println("  SHA-256      " + Fingerprints.sha256(root.root()));
      o.println("  valid until  " + root.root().getNotAfter().toInstant());
      return 0;
    }
  }

  /** {@code cix ca rotate}. */
  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Create the root that replaces this one, in a new directory: a new key and self-signed "
          + "certificate, and its cross certificate signed by this root (" + CertificateAuthority.CROSS_FILE
          + "), so that every node can take the new root on the old one's word (cix node trust --add) and "
          + "chains it issues hold where only the old root is trusted yet.")
  static final class Rotate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "The current root's directory.")
    Path ca;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New directory for the new root.")
    Path out;

    @Option(names = "--name", required = true,
        description = "Name of the new root, not the current one's, e.g. \"National Credit Root 2027\".")
    String name;

    @Option(names = "--days", defaultValue = "7300", description = "Validity in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() {
      CertificateAuthority next = CertificateAuthority.load(ca, Clock.systemUTC()).rotate(name, Duration.ofDays(days));
      StagedDirectory.create(out, next::writeTo);
      X509Certificate cross = next.crossCertificate().orElseThrow();
      var o = spec.commandLine().getOut();
      o.println("new national root \"" + name + "\" created in " + out);
      o.println("  certificate  " + out.resolve(CertificateAuthority.CERT_FILE));
      o.println("  cross        " + out.resolve(CertificateAuthority.CROSS_FILE) + " (signed by the current root, valid "
          + "until " + cross.getNotAfter().toInstant() + ")");
      o.println("  SHA-256      " + Fingerprints.sha256(next.root()));
      o.println("  next         on every node: cix node trust --node NODE_DIR --add " + out.resolve(
          CertificateAuthority.CERT_FILE) + " --cross " + out.resolve(CertificateAuthority.CROSS_FILE)
          + ", then restart it");
      o.println("               then from the top: cix node renewal-request, cix ca sign --ca " + out + ", cix node "
          + "accept (see the operator guide: root rotation)");
      return 0;
    }
  }

  /** {@code cix ca sign}. */
  @Command(name = "sign", mixinStandardHelpOptions = true,
      description = "Answer a node's enrolment request (cix node request) with certificates from this CA: the "
          + "requests' signatures are checked (each by the key it is for), the node id must lie in this CA's "
          + "namespace and its jurisdiction inside this CA's. Writes certificates only.")
  static final class Sign implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--ca", required = true, paramLabel = "DIR",
        description = "The CA's directory: the national root's, or the parent node's directory.")
    Path ca;

    @Option(names = "--request", required = true, paramLabel = "FILE", description = "The node's "
        + EnrolmentRequest.FILE + ".")
    Path request;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New directory for the answer.")
    Path out;

    @Option(names = "--days", defaultValue = "730", description = "Validity in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() {
      CertificateAuthority authority = CertificateAuthority.load(ca, Clock.systemUTC());
      EnrolmentRequest.Asked asked = EnrolmentRequest.read(request);
      EnrolmentRequest.answer(authority, asked, Duration.ofDays(days), out);
      var o = spec.commandLine().getOut();
      o.println("issued for " + (asked.frontEnd() ? "a read front end of node " : "node ") + asked.nodeId() + " ("
          + (asked.jurisdiction().isEmpty() ? "national" : asked.jurisdiction()) + "): "
          + (asked.frontEnd() ? "a TLS certificate marked as a front end's (no sealing key)"
              : "TLS, sealing" + (asked.ca().isPresent() ? ", CA" : "") + " certificates") + ", " + days + " days, in "
          + out);
      o.println("  hand them to the node's operator: cix node accept --answer " + out + " --node NODE_DIR");
      return 0;
    }
  }

  /** The last list a CA directory keeps ({@link #CRL_FILE}), if it has one. */
  private static Optional<X509CRL> lastList(Path file) {
    return Files.exists(file) ? Optional.of(PemFiles.readCrl(file)) : Optional.empty();
  }

  /** {@code cix ca reissue}. */
  @Command(name = "reissue", mixinStandardHelpOptions = true,
      description = "Write this CA's next revocation list with the same entries, signed now and due again in a "
          + "year, so that nodes do not see it overdue; publish it with: cix ca publish.")
  static final class Reissue implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "The CA's directory.")
    Path ca;

    @Override
    public Integer call() {
      CertificateAuthority authority = CertificateAuthority.load(ca, Clock.systemUTC());
      Path file = ca.resolve(CRL_FILE);
      X509CRL next = authority.reissue(lastList(file));
      PemFiles.writeCrl(file, next);
      var o = spec.commandLine().getOut();
      o.println("revocation list " + file + ": " + TextTable.count(next.getRevokedCertificates() == null ? 0
          : next.getRevokedCertificates().size(), "certificate", "certificates") + ", next due "
          + next.getNextUpdate().toInstant());
      o.println("  publish it:  cix ca publish --ca " + ca + " --config NODE.yaml (the node that keeps this CA)");
      return 0;
    }
  }

  /** {@code cix ca revoke}. */
  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a certificate this CA issued: writes the CA's next revocation list (every earlier "
          + "entry and this one) to crl.pem in the CA directory. Publish it with: cix ca publish.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--ca", required = true, paramLabel = "DIR",
        description = "The CA's directory: the national root's, or a node directory with a CA.")
    Path ca;

    @Option(names = "--cert", required = true, paramLabel = "FILE",
        description = "The certificate to revoke (PEM; the first certificate of the file).")
    Path cert;

    @Option(names = "--reason", defaultValue = "unspecified", description = "unspecified, key-compromise, "
        + "ca-compromise, affiliation-changed, superseded or cessation-of-operation (default: ${DEFAULT-VALUE}).")
    String reason;

    @Option(names = "--compromised-since", paramLabel = "TIME",
        description = "With key-compromise or ca-compromise: when the key is known or suspected to have been "
            + "compromised (ISO-8601, e.g. 2026-12-01T08:00:00Z); the seals it made from then on prove nothing, "
            + "those made before keep their proof. Default: the time of the revocation. Seals of a key revoked "
            + "for any other reason (superseded at renewal, ...) keep proving what existed before the revocation.")
    Instant compromisedSince;

    @Override
    public Integer call() {
      int code = Revocations.reasonCode(reason);
      if (compromisedSince != null && !reason.endsWith("compromise")) {
        throw new IllegalArgumentException("--compromised-since goes with --reason key-compromise or ca-compromise");
      }
      CertificateAuthority authority = CertificateAuthority.load(ca, Clock.systemUTC());
      X509Certificate certificate = PemFiles.readCertificates(cert).get(0);
      Path file = ca.resolve(CRL_FILE);
      X509CRL next = authority.revoke(lastList(file), certificate, code, Optional.ofNullable(compromisedSince));
      PemFiles.writeCrl(file, next);
      var o = spec.commandLine().getOut();
      o.println("revoked " + certificate.getSubjectX500Principal().getName() + " serial "
          + certificate.getSerialNumber().toString(16) + " (" + reason + ")");
      o.println("  revocation list " + file + ": " + TextTable.count(next.getRevokedCertificates().size(),
          "certificate", "certificates"));
      o.println("  publish it:  cix ca publish --ca " + ca + " --config NODE.yaml (the node that keeps this CA)");
      return 0;
    }
  }

  /** {@code cix ca publish}. */
  @Command(name = "publish", mixinStandardHelpOptions = true,
      description = "Publish the CA's revocation list (crl.pem) through a running node: the node verifies it, "
          + "applies it and sends it to every node of the federation.")
  static final class Publish extends NodeCall {
    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "The CA's directory.")
    Path ca;

    @Override
    public Integer call() throws Exception {
      X509CRL crl = PemFiles.readCrl(ca.resolve(CRL_FILE));
      List<byte[]> chain = DerChains.encode(PemFiles.readCertificates(ca.resolve(CertificateAuthority.CERT_FILE)));
      byte[] der = crl.getEncoded();
      RevocationsPublished published = node.ask(client -> client.trust().publishRevocations(der, chain));
      out().println("revocation list " + published.getNumber() + " of " + published.getIssuer()
          + " published: " + TextTable.count(published.getRevoked(), "certificate", "certificates")
          + " revoked at every node it reaches");
      return 0;
    }
  }

  /** {@code cix ca revoked}. */
  @Command(name = "revoked", mixinStandardHelpOptions = true,
      description = "The revocation lists a running node applies, one per CA, with the serials they revoke.")
  static final class Revoked extends NodeAnswer {
    @Override
    public Integer call() throws Exception {
      RevocationLists lists = node.ask(c -> c.trust().listRevocations());
      print(lists, (answer, out) -> {
        if (answer.getListsCount() == 0) {
          out.println("no revocation list in force");
        }
        for (RevocationListInfo list : answer.getListsList()) {
          out.println(list.getIssuer() + "  list " + list.getNumber() + " of "
              + Instant.ofEpochMilli(list.getThisUpdateMillis()) + ": " + list.getRevokedSerialsCount() + " revoked");
          list.getRevokedSerialsList().forEach(serial -> out.println("  " + serial));
        }
      });
      return 0;
    }
  }
}
