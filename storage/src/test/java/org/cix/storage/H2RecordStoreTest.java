package org.cix.storage;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class H2RecordStoreTest extends RecordStoreContract {
  static final Fault DIRECTORY_IN_USE = new Fault(
      "a second node (or tool) on the same data directory",
      "refused at start with the reason");
  @Override
  Database.Engine engine() {
    return Database.Engine.H2;
  }

  @Test
  void open_dataDirectoryInUse_failsClearly() {
    DIRECTORY_IN_USE.inflicted();
    assertThatThrownBy(() -> Database.openH2(dir.resolve("data")))
        .hasMessageContaining("cannot open the database in")
        .hasMessageContaining("is another node using this data directory?");
  }
}
