package org.cix.cli.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.cix.cli.config.NodeConfig;
import org.cix.cli.node.NodeStorage;
import org.cix.crypto.hash.Hashes;
import org.cix.proto.v1.BackupDone;
import org.cix.storage.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cix node backup} of a running node, {@code cix node compact} of a stopped one. */
final class NodeBackupCommands {
  private NodeBackupCommands() {}

  @Command(name = "backup", mixinStandardHelpOptions = true,
      description = "Copy everything a running node holds to one file while it goes on working: one consistent "
          + "snapshot of its database (H2 or PostgreSQL), in the format of 'cix node export', with counts and a "
          + "digest; the file is owner-only (0600) and appears only when complete. Restore it with "
          + "'cix node restore'. Audited at the node.")
  static final class Backup extends NodeCall {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The backup file to write.")
    Path out;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "How long the backup may take; default "
        + "${DEFAULT-VALUE}.")
    Duration timeout = Duration.ofHours(6);

    @Override
    public Integer call() throws java.io.IOException {
      PrintWriter print = out();
      BackupDone done = OutputFiles.writeAtomically(out, file ->
          node.ask(client -> client.backup(RunningNode.USER, file, timeout, new BytesProgress(print))));
      long rows = done.getRowsMap().values().stream().mapToLong(Long::longValue).sum();
      print.printf("backed up the running node to %s: %,d rows in %d tables (%,d record versions), %,d bytes; "
          + "versions digest %s%n", out, rows, done.getRowsCount(), done.getRowsOrDefault("record_version", 0),
          Files.size(out), Hashes.hex(done.getVersionsSha256().toByteArray()));
      return 0;
    }
  }

  @Command(name = "compact", mixinStandardHelpOptions = true,
      description = "Rewrite a stopped node's H2 database without its free space (after large deletions, a "
          + "restore or months of updates) and print the size before and after. PostgreSQL: use VACUUM.")
  static final class Compact implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin StoppedNode node;

    @Override
    public Integer call() {
      NodeConfig nodeConfig = node.load("compact it");
      PrintWriter print = spec.commandLine().getOut();
      Database database = NodeStorage.open(nodeConfig);
      long before = database.sizeOnDisk(nodeConfig.dataDir());
      print.printf("compacting %s (%,d bytes) ...%n", nodeConfig.storage().describe(), before);
      print.flush();
      database.compactAndClose();
      long after = database.sizeOnDisk(nodeConfig.dataDir());
      print.printf("compacted %s: %,d bytes, was %,d%n", nodeConfig.storage().describe(), after, before);
      return 0;
    }
  }
}
