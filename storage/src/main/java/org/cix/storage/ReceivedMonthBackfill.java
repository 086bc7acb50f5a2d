package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.cix.core.quality.DataQuality;
import org.cix.core.quality.QualityStore.DepartmentMonth;
import org.cix.core.record.RecordVersion;
import org.cix.proto.v1.RecordBody;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 20: counts per source department and month (V19's {@code quality_received_month}) the
 * versions the quality figures had read before (up to {@code quality_cursor}); later ones are
 * counted as the change log is read.
 */
final class ReceivedMonthBackfill extends CodeMigration {
  private static final Logger log = LoggerFactory.getLogger(ReceivedMonthBackfill.class);
  private static final int FETCH = 1_000;

  ReceivedMonthBackfill() {
    super(20, "received month backfill");
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    long cursor = 0;
    try (PreparedStatement s = c.prepareStatement("SELECT seq FROM quality_cursor"); ResultSet r = s.executeQuery()) {
      if (r.next()) {
        cursor = r.getLong(1);
      }
    }
    Map<DepartmentMonth, Long> months = new HashMap<>();
    long read = 0;
    try (PreparedStatement s = c.prepareStatement("SELECT body, sha256 FROM record_version WHERE seq <= ?")) {
      s.setFetchSize(FETCH);
      s.setLong(1, cursor);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          RecordBody body = RecordVersion.fromBytes(r.getBytes(1), r.getBytes(2)).body();
          if (!body.getSourceDepartment().isEmpty()) {
            months.merge(new DepartmentMonth(body.getSourceDepartment(), DataQuality.month(body.getCreatedAtMillis())),
                1L, Long::sum);
          }
          if (++read % 100_000 == 0) {
            log.info("versions per department and month: {} read", read);
          }
        }
      }
    }
    JdbcQualityStore.addMonths(c, months);
    if (read > 0) {
      log.info("versions per department and month: {} read, {} department-months", read, months.size());
    }
  }
}
