package org.cix.cli.command;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.cix.crypto.pem.StagedDirectory;
import org.cix.crypto.pki.CertificateAuthority;
import org.cix.crypto.pki.Fingerprints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cix ca}: the national root certificate authority. */
@Command(name = "ca", description = "Certificate authority work.", subcommands = CaCommand.Init.class,
    mixinStandardHelpOptions = true)
public final class CaCommand implements Runnable {
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
      o.println("  certificate  " + out.resolve(CertificateAuthority.CERT_FILE) + " (give root.crt to every site)");
      o.println("  private key  " + out.resolve(CertificateAuthority.KEY_FILE) + " (owner-only; keep it offline)");
      o.println("  SHA-256      " + Fingerprints.sha256(root.root()));
      o.println("  valid until  " + root.root().getNotAfter().toInstant());
      return 0;
    }
  }
}
