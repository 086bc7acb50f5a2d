package org.cix.cli.config;

import java.nio.file.Path;
import java.util.Optional;
import org.cix.storage.Database;

/**
 * Where a node keeps its records: H2 files in its data directory (the default), or a PostgreSQL
 * database reached by JDBC URL, user and a password read from an owner-only file, its record
 * versions partitioned {@code partitionVersions} change-log positions wide.
 */
public record StorageConfig(Database.Engine engine, String url, String user, Optional<Path> passwordFile,
    long partitionVersions) {
  public static final StorageConfig H2 = new StorageConfig(Database.Engine.H2, "", "", Optional.empty(),
      Database.DEFAULT_PARTITION_VERSIONS);
  /** The fewest positions a partition may be configured to hold. */
  public static final int MIN_PARTITION_VERSIONS = 10_000;

  /** A PostgreSQL database with partitions of the default width. */
  public static StorageConfig postgres(String url, String user, Optional<Path> passwordFile) {
    return new StorageConfig(Database.Engine.POSTGRES, url, user, passwordFile, Database.DEFAULT_PARTITION_VERSIONS);
  }

  public String describe() {
    return engine == Database.Engine.H2 ? "h2 (in node.data)"
        : "postgres " + url + " as " + user + passwordFile.map(p -> ", password from " + p).orElse("");
  }
}
