package org.cix.federation;

import org.cix.storage.Database;

/** Every node on H2, the embedded default. */
class SyncTest extends SyncContract {
  @Override
  Database.Engine nationalEngine() {
    return Database.Engine.H2;
  }
}
