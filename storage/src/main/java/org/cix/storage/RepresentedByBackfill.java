package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.cix.core.record.RecordVersion;
import org.cix.core.record.Representatives;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 16: fills {@code record_current.represented_by} (added by V15) for the records a store
 * held before, reading each current version's body the way new versions are read when stored.
 * One transaction with the rest of the migration: a crash leaves the store at version 15, and the
 * next start runs it again.
 */
final class RepresentedByBackfill implements JavaMigration {
  private static final Logger log = LoggerFactory.getLogger(RepresentedByBackfill.class);
  private static final int BATCH = 1_000;

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("16");
  }

  @Override
  public String getDescription() {
    return "represented by backfill";
  }

  @Override
  public Integer getChecksum() {
    return 16;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    long read = 0;
    long named = 0;
    try (PreparedStatement select = c.prepareStatement("SELECT c.record_id, v.body, v.sha256 FROM record_current c "
            + "JOIN record_version v ON v.seq = c.seq");
        PreparedStatement update = c.prepareStatement("UPDATE record_current SET represented_by = ? "
            + "WHERE record_id = ?")) {
      select.setFetchSize(BATCH);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          read++;
          Optional<String> person = Representatives.of(
              RecordVersion.fromBytes(rows.getBytes(2), rows.getBytes(3)).body());
          if (person.isPresent()) {
            update.setString(1, person.get());
            update.setBytes(2, rows.getBytes(1));
            update.addBatch();
            if (++named % BATCH == 0) {
              update.executeBatch();
            }
          }
          if (read % 100_000 == 0) {
            log.info("legal representatives of current records: {} read, {} named", read, named);
          }
        }
      }
      update.executeBatch();
    }
    if (read > 0) {
      log.info("legal representatives of current records: {} read, {} named", read, named);
    }
  }
}
