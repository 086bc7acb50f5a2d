package org.cix.cli.config;

import java.nio.file.Path;
import java.util.Optional;
import org.cix.storage.Database;

/**
 * Where a node keeps its records: H2 files in its data directory (the default), or a PostgreSQL
 * database reached by JDBC URL, user and a password read from an owner-only file.
 */
public record StorageConfig(Database.Engine engine, String url, String user, Optional<Path> passwordFile) {
  public static final StorageConfig H2 = new StorageConfig(Database.Engine.H2, "", "", Optional.empty());

  public String describe() {
    return engine == Database.Engine.H2 ? "h2 (in node.data)"
        : "postgres " + url + " as " + user + passwordFile.map(p -> ", password from " + p).orElse("");
  }
}
