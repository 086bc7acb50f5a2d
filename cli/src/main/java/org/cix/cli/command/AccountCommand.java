package org.cix.cli.command;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cix.cli.config.ConfigLoader;
import org.cix.cli.config.NodeConfig;
import org.cix.core.error.CixException;
import org.cix.crypto.keys.KeyAlgorithm;
import org.cix.crypto.pem.PemFiles;
import org.cix.crypto.pki.AccountIssuer;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.proto.v1.AccountInfo;
import org.cix.proto.v1.AccountList;
import org.cix.proto.v1.AddAccountRequest;
import org.cix.proto.v1.AddedAccount;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cix account}: the accounts departments reach this node's department API with. */
@Command(name = "account", mixinStandardHelpOptions = true,
    description = "Accounts of the department API: each acts for one department this node registered, with "
        + "roles (submitter, checker, decider, auditor, admin), until it expires or is revoked. Staff log in with a "
        + "password; systems present a client certificate issued here. See docs/departments.md.",
    subcommands = {AccountCommand.Add.class, AccountCommand.ListAll.class, AccountCommand.Revoke.class,
        AccountCommand.ServerCertificate.class})
public final class AccountCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Adds an account. With --certificate-out, a key is made here (it never leaves this host) and "
          + "the node issues its client certificate: DIR/NAME.key, DIR/NAME.crt, and DIR/ca.crt, the CA the "
          + "system trusts the node's department API by.")
  static final class Add extends NodeCall {
    @Parameters(paramLabel = "NAME", description = "The account's name (lower-case letters, digits, . _ -).")
    String name;

    @Option(names = "--department", required = true, paramLabel = "USCC",
        description = "The department it acts for (registered by this node: cix department add).")
    String department;

    @Option(names = "--roles", required = true, split = ",", paramLabel = "ROLE",
        description = "Comma-separated: submitter, checker, decider, auditor, admin.")
    List<String> roles = new ArrayList<>();

    @Option(names = "--days", defaultValue = "365", paramLabel = "N", description = "Days it is valid (default 365).")
    int days;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    PasswordSource password;

    @Option(names = "--certificate-out", paramLabel = "DIR",
        description = "Make a key and get a client certificate for a system, written into DIR.")
    Path certificateOut;

    static final class PasswordSource {
      @Option(names = "--password-file", paramLabel = "FILE", description = "A member of staff's password: the "
          + "first line of FILE (at least 12 characters).")
      Path file;

      @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
      boolean stdin;
    }

    @Override
    public Integer call() throws IOException {
      AddAccountRequest.Builder request = AddAccountRequest.newBuilder().setName(name).setDepartment(department)
          .addAllRoles(roles).setValidDays(days);
      readPassword().ifPresent(request::setPassword);
      Optional<KeyPair> pair = Optional.empty();
      if (certificateOut != null) {
        Path key = certificateOut.resolve(name + ".key");
        if (Files.exists(key)) {
          throw CixException.preconditionFailed(key + " exists: choose another directory or remove it");
        }
        pair = Optional.of(KeyAlgorithm.EC_P256.generate(new SecureRandom()));
        request.setSystemPublicKey(ByteString.copyFrom(pair.get().getPublic().getEncoded()));
      }
      AddedAccount added = node.ask(client -> client.access().addAccount(request.build()));
      PrintWriter out = out();
      print(List.of(added.getAccount()), out);
      if (pair.isPresent()) {
        Files.createDirectories(certificateOut);
        PemFiles.writePrivateKey(certificateOut.resolve(name + ".key"), pair.get().getPrivate());
        PemFiles.writeCertificates(certificateOut.resolve(name + ".crt"), List.of(certificate(added.getCertificate())));
        PemFiles.writeCertificates(certificateOut.resolve("ca.crt"), List.of(certificate(added.getIssuer())));
        out.println("wrote " + certificateOut.resolve(name + ".key") + " (owner-only), " + name + ".crt and ca.crt");
      }
      return 0;
    }

    private Optional<String> readPassword() throws IOException {
      if (password == null) {
        return Optional.empty();
      }
      String line;
      if (password.file != null) {
        try (BufferedReader reader = Files.newBufferedReader(password.file, StandardCharsets.UTF_8)) {
          line = reader.readLine();
        }
      } else {
        line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      }
      if (line == null || line.isEmpty()) {
        throw CixException.invalidInput("no password given (an empty first line)");
      }
      return Optional.of(line);
    }
  }

  @Command(name = "server-cert", mixinStandardHelpOptions = true,
      description = "On the writer's host: what a read front end's department API needs instead of the node's "
          + "account CA: the CA's certificate, and a server key with its certificate for the front end's host names, "
          + "written into DIR (owner-only) to be put in the front end's node directory as " + AccountIssuer.DIR
          + "/. The account CA's key stays here.")
  static final class ServerCertificate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigFile.DEFAULT, description = ConfigFile.HELP)
    Path config;

    @Option(names = "--names", required = true, split = ",", paramLabel = "HOST",
        description = "The host names (or addresses) departments dial the front end by.")
    List<String> names = new ArrayList<>();

    @Option(names = "--days", defaultValue = "365", paramLabel = "N", description = "Days it is valid (default 365).")
    int days;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New directory for the files.")
    Path out;

    @Override
    public Integer call() {
      NodeConfig node = ConfigLoader.load(config);
      if (node.frontEnd().isPresent()) {
        throw CixException.preconditionFailed(config + " configures a read front end: run this with the writer's "
            + "configuration, on the writer's host");
      }
      NodeKeyMaterial keys = NodeKeyMaterial.load(node.keysDir(), Clock.systemUTC());
      AccountIssuer.loadOrCreate(node.keysDir(), keys.nodeId(), Clock.systemUTC())
          .writeServerFiles(names, Instant.now().plus(Duration.ofDays(days)), out);
      spec.commandLine().getOut().println("wrote " + out + ": " + CertificateAuthority.CERT_FILE + ", "
          + AccountIssuer.SERVER_KEY + " (owner-only), " + AccountIssuer.SERVER_CERT + " for " + String.join(", ", names)
          + "; put them in the front end's node directory as " + AccountIssuer.DIR + "/");
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every account of this node.")
  static final class ListAll extends NodeAnswer {
    @Override
    public Integer call() throws InvalidProtocolBufferException {
      AccountList accounts = node.ask(c -> c.access().listAccounts());
      print(accounts, (list, out) -> {
        if (list.getAccountsCount() == 0) {
          out.println("no accounts: departments reach the node with accounts (cix account add)");
        } else {
          AccountCommand.print(list.getAccountsList(), out);
        }
      });
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revokes an account now: its certificate and sessions are refused from the next call.")
  static final class Revoke extends NodeCall {
    @Parameters(paramLabel = "NAME", description = "The account.")
    String name;

    @Override
    public Integer call() {
      AccountInfo revoked = node.ask(client -> client.access().revokeAccount(name));
      print(List.of(revoked), out());
      return 0;
    }
  }

  static void print(List<AccountInfo> accounts, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ACCOUNT", "DEPARTMENT", "ROLES", "CREDENTIALS", "UNTIL", "STATE"});
    for (AccountInfo a : accounts) {
      List<String> credentials = new ArrayList<>();
      if (a.getPassword()) {
        credentials.add("password");
      }
      if (!a.getCertificateSha256().isEmpty()) {
        credentials.add("certificate");
      }
      rows.add(new String[] {a.getName(), a.getDepartment(), String.join(",", a.getRolesList()),
          String.join("+", credentials), Instant.ofEpochMilli(a.getExpiresAtMillis()).toString(),
          a.getRevokedAtMillis() == 0 ? "in force" : "revoked " + Instant.ofEpochMilli(a.getRevokedAtMillis())});
    }
    TextTable.print(rows, out);
  }

  private static X509Certificate certificate(ByteString der) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der.toByteArray()));
    } catch (CertificateException e) {
      throw new UncheckedIOException(new IOException("the node sent a certificate that does not parse", e));
    }
  }
}
