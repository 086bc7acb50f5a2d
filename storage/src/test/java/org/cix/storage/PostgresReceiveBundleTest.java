package org.cix.storage;

class PostgresReceiveBundleTest extends ReceiveBundleContract {
  @Override
  Database.Engine engine() {
    return Database.Engine.POSTGRES;
  }
}
