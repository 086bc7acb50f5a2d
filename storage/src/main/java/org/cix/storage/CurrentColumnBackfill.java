package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import org.cix.core.record.RecordVersion;
import org.cix.proto.v1.RecordBody;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java migration that fills a column of {@code record_current} (added by the SQL migration
 * before it) for the records a store held before, reading each current version's body the way new
 * versions are read when stored.
 */
abstract class CurrentColumnBackfill extends CodeMigration {
  private static final Logger log = LoggerFactory.getLogger(CurrentColumnBackfill.class);
  private static final int BATCH = 1_000;

  private final String column;
  private final String what;
  private final Function<RecordBody, Optional<String>> value;

  CurrentColumnBackfill(int version, String column, String what, Function<RecordBody, Optional<String>> value) {
    super(version, column.replace('_', ' ') + " backfill");
    this.column = column;
    this.what = what;
    this.value = value;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    long read = 0;
    long named = 0;
    try (PreparedStatement select = c.prepareStatement("SELECT c.record_id, v.body, v.sha256 FROM record_current c "
            + "JOIN record_version v ON v.seq = c.seq");
        PreparedStatement update = c.prepareStatement("UPDATE record_current SET " + column + " = ? "
            + "WHERE record_id = ?")) {
      select.setFetchSize(BATCH);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          read++;
          Optional<String> found = value.apply(RecordVersion.fromBytes(rows.getBytes(2), rows.getBytes(3)).body());
          if (found.isPresent()) {
            update.setString(1, found.get());
            update.setBytes(2, rows.getBytes(1));
            update.addBatch();
            if (++named % BATCH == 0) {
              update.executeBatch();
            }
          }
          if (read % 100_000 == 0) {
            log.info("{} of current records: {} read, {} named", what, read, named);
          }
        }
      }
      update.executeBatch();
    }
    if (read > 0) {
      log.info("{} of current records: {} read, {} named", what, read, named);
    }
  }
}
