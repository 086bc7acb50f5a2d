package org.cix.storage;

class PostgresReceiveBundleTest extends JdbcReceiveBundleTest {
  @Override
  Database.Engine engine() {
    return Database.Engine.POSTGRES;
  }
}
