package org.cix.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every session cix opens on PostgreSQL plans each bulk lookup for the ids it carries, as the
 * tables are now (not as they were when the statement was first prepared), prices reads of data in
 * memory as such, and runs no parallel workers: without these, a bulk ingest into a fresh database
 * fell to a third of its rate and a sync lost a third once statistics came (docs/performance.md).
 */
class PostgresPoolTest {
  @TempDir Path dir;

  @Test
  void sessions_planLookupsForTheirIds_withIndexProbesOverScans() throws Exception {
    try (Database database = new TestDatabases(Database.Engine.POSTGRES, dir).open("pool")) {
      for (int i = 0; i < 2; i++) { // each connection of the pool, not only the first
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
          assertThat(setting(s, "plan_cache_mode")).isEqualTo("force_custom_plan");
          assertThat(setting(s, "random_page_cost")).isEqualTo("1.1");
          assertThat(setting(s, "max_parallel_workers_per_gather")).isEqualTo("0");
        }
      }
    }
  }

  private static String setting(Statement s, String name) throws Exception {
    try (ResultSet r = s.executeQuery("SHOW " + name)) {
      r.next();
      return r.getString(1);
    }
  }
}
