package org.cix.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cix.core.node.NodeStores;
import org.cix.core.sync.ReceiveBundleContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Reception's specification ({@link ReceiveBundleContract}) on real databases of one engine. */
abstract class JdbcReceiveBundleTest extends ReceiveBundleContract {
  @TempDir Path databaseDir;
  private final List<JdbcStores> stores = new ArrayList<>();
  private TestDatabases databases;

  abstract Database.Engine engine();

  @Override
  protected NodeStores open(String name) {
    if (databases == null) {
      databases = new TestDatabases(engine(), databaseDir);
    }
    JdbcStores store = new JdbcStores(databases.open(name));
    stores.add(store);
    return store.node();
  }

  @AfterEach
  void closeStores() {
    stores.forEach(JdbcStores::close);
  }
}
