package org.cix.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk lookups by record id are planned by PostgreSQL for each call, never kept as a server
 * prepared statement: a plan kept from when the tables were nearly empty went on scanning them as
 * they grew, and a bulk ingest into a fresh database fell to a sixth of its rate (docs/performance.md).
 */
class BulkLookupPlanTest {
  @TempDir Path dir;

  @Test
  void aLookupRunManyTimes_isNeverPreparedOnTheServer() throws Exception {
    String lookup = "SELECT record_id FROM record_current WHERE record_id IN";
    try (Database database = new TestDatabases(Database.Engine.POSTGRES, dir).open("lookups");
        Connection c = database.dataSource().getConnection()) {
      for (int i = 0; i < 10; i++) { // the driver prepares a statement on the server from its fifth use
        Queries.inChunks(c, lookup, List.of("00112233445566778899aabbccddeeff"), r -> { });
      }
      assertThat(Queries.count(c, "SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE '"
          + lookup + "%'")).isZero();
      // the same statement through the driver's defaults is prepared: the test sees what it looks for
      for (int i = 0; i < 10; i++) {
        try (var s = c.prepareStatement(lookup + " (?)")) {
          s.setBytes(1, new byte[16]);
          s.executeQuery().close();
        }
      }
      assertThat(Queries.count(c, "SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE '"
          + lookup + "%'")).isEqualTo(1);
    }
  }
}
