package org.cix.storage;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Java migration that fills what the SQL migration before it added, from the records already
 * held: its version is its checksum (the code is the migration), and it runs in one transaction
 * with the rest of the migration, so a crash leaves the store at the version before and the next
 * start runs it again.
 */
abstract class BackfillMigration implements JavaMigration {
  private final int version;
  private final String description;

  BackfillMigration(int version, String description) {
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
