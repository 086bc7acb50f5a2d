package org.cix.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class H2RecordStoreTest extends RecordStoreContract {
  @Override
  Database.Engine engine() {
    return Database.Engine.H2;
  }

  @Test
  void open_dataDirectoryInUse_failsClearly() {
    assertThatThrownBy(() -> Database.openH2(dir.resolve("data")))
        .hasMessageContaining("cannot open the database in")
        .hasMessageContaining("is another node using this data directory?");
  }
}
