package org.cix.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.cix.core.error.CixException;

/** The connection pool of a node's PostgreSQL database: a writer's, or a read front end's on a standby (read only). */
final class PostgresPool {
  private PostgresPool() {}

  static HikariDataSource open(String jdbcUrl, String user, String password, boolean readOnly) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    // batches of inserts go to the server as multi-row statements, not one round trip a row
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.setMaximumPoolSize(4);
    config.setPoolName(readOnly ? "cix-postgres-standby" : "cix-postgres");
    config.setReadOnly(readOnly);
    config.setAutoCommit(true);
    config.setInitializationFailTimeout(10_000);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new CixException(CixException.Kind.UNAVAILABLE, "cannot open the PostgreSQL database " + jdbcUrl + ": "
          + Database.rootMessage(e), e);
    }
  }
}
