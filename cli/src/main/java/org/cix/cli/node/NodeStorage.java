package org.cix.cli.node;

import org.cix.cli.config.NodeConfig;
import org.cix.cli.config.StorageConfig;
import org.cix.core.error.CixException;
import org.cix.crypto.pem.PemFiles;
import org.cix.storage.Database;
import org.cix.storage.JdbcStores;
import org.cix.storage.StorageKey;

/** Opens the database a node's configuration names (and brings its schema up to date). */
public final class NodeStorage {
  private NodeStorage() {}

  /** The database of a writer (migrate, export, import, compact and backup work on it); refused for a front end. */
  public static Database open(NodeConfig config) {
    if (config.frontEnd().isPresent()) {
      throw CixException.preconditionFailed(config.file() + " configures a read front end (section front-end), "
          + "which never writes its database: run this with the writer's configuration");
    }
    StorageConfig storage = config.storage();
    return switch (storage.engine()) {
      case H2 -> Database.openH2(config.dataDir(), StorageKey.read(config.keysDir()));
      case POSTGRES -> Database.openPostgres(storage.url(), storage.user(), password(storage),
          storage.partitionVersions());
    };
  }

  /**
   * The stores of a node process: on the database it names, or, for a read front end, on the
   * standby it names (read only, not migrated) with its checks recorded in the writer's database.
   */
  public static JdbcStores stores(NodeConfig config) {
    if (config.frontEnd().isEmpty()) {
      return new JdbcStores(open(config));
    }
    // a front end's own schema is never migrated: its standby replays the writer's
    StorageConfig standby = config.storage();
    StorageConfig writer = config.frontEnd().get().writerDatabase();
    Database read = Database.openStandby(standby.url(), standby.user(), password(standby));
    try {
      return JdbcStores.frontEnd(read, Database.openWriters(writer.url(), writer.user(), password(writer)));
    } catch (RuntimeException e) {
      read.close();
      throw e;
    }
  }

  private static String password(StorageConfig storage) {
    return storage.passwordFile().map(PemFiles::readSecret).orElse("");
  }
}
