package org.cix.cli.command;

import org.cix.storage.Database;
import picocli.CommandLine.Option;

/** {@code --partition-versions}: how wide a benchmark's PostgreSQL partitions of the record versions are. */
final class PartitionOption {
  @Option(names = "--partition-versions", defaultValue = "" + Database.DEFAULT_PARTITION_VERSIONS, paramLabel = "N",
      description = "On PostgreSQL: change-log positions a partition of the record versions holds (default: "
          + "${DEFAULT-VALUE}, a node's default).")
  long versions;
}
