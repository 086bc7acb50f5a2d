package org.cix.storage;

class H2ReceiveBundleTest extends JdbcReceiveBundleTest {
  @Override
  Database.Engine engine() {
    return Database.Engine.H2;
  }
}
