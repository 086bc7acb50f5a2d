package org.cix.federation;

import org.cix.storage.Database;

/** The national node on PostgreSQL (a real server started by the tests), the others on H2. */
class MixedSyncTest extends SyncContract {
  @Override
  Database.Engine nationalEngine() {
    return Database.Engine.POSTGRES;
  }
}
