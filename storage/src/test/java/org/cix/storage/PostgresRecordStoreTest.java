package org.cix.storage;

/** The same contract on a real PostgreSQL server (started by the tests). */
class PostgresRecordStoreTest extends RecordStoreContract {
  @Override
  Database.Engine engine() {
    return Database.Engine.POSTGRES;
  }
}
