package org.cix.cli.node;

import org.cix.cli.config.NodeConfig;
import org.cix.cli.config.StorageConfig;
import org.cix.crypto.pem.PemFiles;
import org.cix.storage.Database;
import org.cix.storage.StorageKey;

/** Opens the database a node's configuration names (and brings its schema up to date). */
public final class NodeStorage {
  private NodeStorage() {}

  public static Database open(NodeConfig config) {
    StorageConfig storage = config.storage();
    return switch (storage.engine()) {
      case H2 -> Database.openH2(config.dataDir(), StorageKey.read(config.keysDir()));
      case POSTGRES -> Database.openPostgres(storage.url(), storage.user(),
          storage.passwordFile().map(PemFiles::readSecret).orElse(""));
    };
  }
}
