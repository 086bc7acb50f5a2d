package org.cix.storage;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A migration written in Java (a backfill from the records already held, or a change of layout
 * that depends on the engine or the data): its version is its checksum (the code is the
 * migration), and it runs in one transaction, so a crash leaves the store at the version before
 * and the next start runs it again.
 */
abstract class CodeMigration implements JavaMigration {
  private final int version;
  private final String description;

  CodeMigration(int version, String description) {
    this.version = version;
    this.description = description;
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion(Integer.toString(version));
  }

  @Override
  public String getDescription() {
    return description;
  }

  @Override
  public Integer getChecksum() {
    return version;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }
}
