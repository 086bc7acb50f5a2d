package org.cix.storage;

class H2ReceiveBundleTest extends ReceiveBundleContract {
  @Override
  Database.Engine engine() {
    return Database.Engine.H2;
  }
}
