package org.cix.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.cix.cli.command.AccountCommand;
import org.cix.cli.command.AuditCommand;
import org.cix.cli.command.BenchCommand;
import org.cix.cli.command.CaCommand;
import org.cix.cli.command.CatalogCommand;
import org.cix.cli.command.CheckCommand;
import org.cix.cli.command.DemoCommand;
import org.cix.cli.command.Errors;
import org.cix.cli.command.GenerateCommand;
import org.cix.cli.command.DepartmentCommand;
import org.cix.cli.command.GrantCommand;
import org.cix.cli.command.IdCommand;
import org.cix.cli.command.IngestCommand;
import org.cix.cli.command.RecordCommand;
import org.cix.cli.command.StatsCommand;
import org.cix.cli.command.SubjectCommand;
import org.cix.cli.command.SyncCommand;
import org.cix.cli.command.NodeCommand;
import org.cix.cli.command.ObjectionCommand;
import org.cix.cli.command.FederationCommand;
import org.cix.cli.command.PackageCommand;
import org.cix.cli.command.ReportCommand;
import org.cix.cli.command.QualityCommand;
import org.cix.cli.command.RepairCommand;
import org.cix.cli.command.StatusCommand;
import org.cix.core.node.SoftwareVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code cix}: the one command of a credit information exchange node. */
@Command(
    name = "cix",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Credit information exchange node: collects the credit records of its jurisdiction's departments, "
        + "exchanges them with the other nodes of the federation, and answers checks and profiles of subjects.",
    subcommands = {CaCommand.class, NodeCommand.class, StatusCommand.class, IngestCommand.class, SubjectCommand.class,
        IdCommand.class, CatalogCommand.class, RecordCommand.class, CheckCommand.class, GrantCommand.class,
        DepartmentCommand.class, AccountCommand.class, AuditCommand.class, StatsCommand.class, ObjectionCommand.class, RepairCommand.class, QualityCommand.class, PackageCommand.class, ReportCommand.class, FederationCommand.class,
        SyncCommand.class, GenerateCommand.class, BenchCommand.class,
        DemoCommand.class})
public final class Main implements Runnable {
  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs one command line; returns the exit code (0 ok, 1 failed, 2 usage). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    CommandLine line = new CommandLine(new Main());
    line.setOut(out);
    line.setErr(err);
    line.setCaseInsensitiveEnumValuesAllowed(true);
    line.setExecutionExceptionHandler((failure, command, parsed) -> {
      err.println("cix: " + Errors.describe(failure));
      if (verbose) {
        failure.printStackTrace(err);
      }
      err.flush();
      return 1;
    });
    return line.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"cix " + SoftwareVersion.current()};
    }
  }
}
