package org.cix.cli.command;

import com.google.inject.Guice;
import com.google.inject.Stage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.cix.cli.config.ConfigLoader;
import org.cix.cli.config.NodeConfig;
import org.cix.cli.node.FreePorts;
import org.cix.cli.node.Node;
import org.cix.cli.node.NodeModule;
import org.cix.cli.node.NodeStorage;
import org.cix.storage.Database;
import org.cix.storage.NodeTransfer;
import org.cix.cli.node.StopSignals;
import org.cix.cli.node.NodeEnrolment;
import org.cix.core.node.NodeIdentity;
import org.cix.crypto.pki.Fingerprints;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cix node}: create a node's keys, run a node. */
@Command(name = "node", description = "Create and run nodes.", mixinStandardHelpOptions = true,
    subcommands = {NodeCommand.Init.class, NodeEnrolCommands.Request.class, NodeEnrolCommands.Accept.class,
        NodeEnrolCommands.Renew.class, NodeEnrolCommands.RenewalRequest.class, NodeTrustCommand.class,
        NodeCommand.Start.class, NodeCommand.Migrate.class,
        NodeCommand.Export.class, NodeCommand.Import.class, NodeBackupCommands.Backup.class,
        NodeBackupCommands.Compact.class})
public final class NodeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code cix node init}. */
  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Create a node directory: TLS and sealing keys with certificates issued by --ca, "
          + "an admin token, and (above district level) a CA for the node's children.")
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NewNodeOptions node;

    @Option(names = "--ca", required = true, paramLabel = "DIR",
        description = "Issuing CA: the national root's directory or a parent node's directory.")
    Path ca;

    @Option(names = "--days", defaultValue = "730", description = "Validity in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--front-end", description = "A read front end of node --id (docs/scaling.md): a TLS key and "
        + "a certificate marked as a front end's, issued by the CA that issues the node; no sealing key, no CA.")
    boolean frontEnd;

    @Override
    public Integer call() {
      Path out = node.out;
      NodeEnrolment.Enrolled enrolled = frontEnd
          ? NodeEnrolment.enrolFrontEnd(node.id, node.jurisdiction, ca, out, Duration.ofDays(days), Clock.systemUTC())
          : NodeEnrolment.enrol(node.id, node.jurisdiction, ca, out, !node.noCa, Duration.ofDays(days),
              Clock.systemUTC());
      NodeIdentity identity = enrolled.identity();
      NodeKeyMaterial keys = enrolled.keys();
      boolean withCa = enrolled.canIssue();
      var o = spec.commandLine().getOut();
      o.println((frontEnd ? "read front end of node " : "node ") + node.id + " created in " + out);
      o.println("  jurisdiction  " + identity.jurisdiction() + " " + identity.jurisdiction().name()
          + " (" + identity.level().label() + ")");
      o.println("  issued by     " + enrolled.issuer().certificate().getSubjectX500Principal().getName());
      o.println("  TLS cert      SHA-256 " + Fingerprints.sha256(keys.tlsChain().get(0)));
      if (frontEnd) {
        o.println("  no sealing key: seals, bundles and packages are signed by the node's writer");
        return 0;
      }
      o.println("  sealing cert  SHA-256 " + Fingerprints.sha256(keys.sealChain().get(0)));
      o.println("  issues for children: " + (withCa ? "yes (use --ca " + out + ")" : "no"));
      return 0;
    }
  }

  /** {@code cix node start}. */
  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Run a node in the foreground (logs to stdout); SIGTERM or Ctrl-C stops it cleanly.")
  static final class Start implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Start.class);

    @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigFile.DEFAULT,
        description = ConfigFile.HELP)
    Path config;

    @Override
    public Integer call() throws InterruptedException {
      NodeConfig nodeConfig = ConfigLoader.load(config);
      nodeConfig.describe().forEach(line -> log.info("config: {}", line));
      FreePorts.require(nodeConfig.ports());
      CountDownLatch stop = new CountDownLatch(1);
      StopSignals.onStop(stop::countDown);
      try (Node node = Guice.createInjector(Stage.PRODUCTION, new NodeModule(nodeConfig, Clock.systemUTC()))
          .getInstance(Node.class)) {
        node.start();
        stop.await();
        log.info("stop requested; shutting down");
      }
      return 0;
    }
  }

  /** {@code cix node migrate}. */
  @Command(name = "migrate", mixinStandardHelpOptions = true,
      description = "Bring the node's database schema up to date (H2 or PostgreSQL, as configured) without "
          + "starting the node; running it again changes nothing. The node must be stopped (H2).")
  static final class Migrate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin StoppedNode node;

    @Override
    public Integer call() {
      NodeConfig nodeConfig = node.load("migrate its schema");
      try (Database database = NodeStorage.open(nodeConfig)) {
        spec.commandLine().getOut().printf("%s: schema at version %s (%d migrations applied now)%n",
            nodeConfig.storage().describe(), database.schemaVersion(), database.migrationsApplied());
      }
      return 0;
    }
  }

  /** {@code cix node export}. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write all of a stopped node's data (records, seals, certificates, cursors, ledger, quarantine, "
          + "conflicts, checks, grants, feedback waiting, audit log, adopted measures) to one file, with counts and a "
          + "digest, to move it to another database (H2 or PostgreSQL).")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin StoppedNode node;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The export file to write.")
    Path out;

    @Override
    public Integer call() throws java.io.IOException {
      NodeConfig nodeConfig = node.load("export it");
      var print = spec.commandLine().getOut();
      NodeTransfer.Summary summary;
      try (Database database = NodeStorage.open(nodeConfig)) {
        summary = OutputFiles.writeAtomically(out, file -> NodeTransfer.export(database, file,
            new TableProgress(print)));
      }
      print.printf("exported %s to %s (%,d bytes); versions digest %s%n", nodeConfig.storage().describe(), out,
          java.nio.file.Files.size(out), org.cix.crypto.hash.Hashes.hex(summary.versionsSha256()));
      return 0;
    }
  }

  /** {@code cix node import}. */
  @Command(name = "import", aliases = "restore", mixinStandardHelpOptions = true,
      description = "Load a file written by 'cix node export' or 'cix node backup' into the (empty) database of a "
          + "stopped node, then check the counts and the digest of what was written against the file's. "
          + "'restore' is the same command.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin StoppedNode node;

    @picocli.CommandLine.Parameters(paramLabel = "EXPORT", description = "The export file.")
    Path file;

    @Override
    public Integer call() throws java.io.IOException {
      NodeConfig nodeConfig = node.load("import into it");
      var print = spec.commandLine().getOut();
      NodeTransfer.Summary summary;
      try (Database database = NodeStorage.open(nodeConfig);
          java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file), 1 << 16)) {
        summary = NodeTransfer.importInto(database, in, new TableProgress(print));
      }
      print.printf("imported %s into %s: counts and versions digest %s match the export%n", file,
          nodeConfig.storage().describe(), org.cix.crypto.hash.Hashes.hex(summary.versionsSha256()));
      return 0;
    }
  }
}
