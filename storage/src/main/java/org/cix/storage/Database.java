package org.cix.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.cix.crypto.pem.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.cix.core.error.CixException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's database: H2 in file mode in the data directory (the embedded default) or a
 * PostgreSQL server, through a HikariCP pool, its schema brought up to date by Flyway when opened
 * ({@link Migrations}: one set of migrations for both engines).
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  static final String FILE = "cix";
  /** Change-log positions a partition of PostgreSQL's record versions holds unless configured. */
  public static final long DEFAULT_PARTITION_VERSIONS = VersionPartitions.DEFAULT_WIDTH;

  /** The engines cix stores in; SQL that differs between them is chosen by engine. */
  public enum Engine {
    H2,
    POSTGRES
  }

  private final Engine engine;
  /** H2's error code for a statement on a database that closed (org.h2.api.ErrorCode.DATABASE_CALLED_AT_SHUTDOWN). */
  private static final int H2_CLOSED_AT_SHUTDOWN = 90121;
  private final HikariDataSource dataSource;
  private final DataDirectoryLock lock;
  private String schemaVersion = "";
  private VersionPartitions partitions = VersionPartitions.NONE;
  private int migrationsApplied;

  private Database(Engine engine, HikariDataSource dataSource, DataDirectoryLock lock) {
    this.engine = engine;
    this.dataSource = dataSource;
    this.lock = lock;
  }

  public Engine engine() {
    return engine;
  }

  /** Bytes the database takes on disk: H2's files, or PostgreSQL's {@code pg_database_size}. */
  public long sizeOnDisk(Path dataDir) {
    if (engine == Engine.H2) {
      try (var files = Files.walk(dataDir)) {
        return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try (var c = dataSource.getConnection(); var s = c.createStatement();
        var r = s.executeQuery("SELECT pg_database_size(current_database())")) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new CixException(CixException.Kind.UNAVAILABLE, "cannot read the database size: " + e.getMessage(), e);
    }
  }

  /**
   * Rewrites a stopped node's H2 file without its free space ({@code SHUTDOWN COMPACT}) and closes
   * the database. PostgreSQL keeps its own files ({@code VACUUM}).
   */
  public void compactAndClose() {
    if (engine != Engine.H2) {
      close();
      throw CixException.preconditionFailed("compact is for H2 stores; PostgreSQL reclaims space with VACUUM "
          + "(autovacuum, or VACUUM FULL in a maintenance window)");
    }
    try (var c = dataSource.getConnection(); var s = c.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
    } catch (SQLException e) {
      // the statement closes the database under its own connection, which H2 reports once done
      if (e.getErrorCode() != H2_CLOSED_AT_SHUTDOWN) {
        throw new CixException(CixException.Kind.UNAVAILABLE, "cannot compact the database: " + e.getMessage(), e);
      }
    } finally {
      close();
    }
  }

  /** The schema version after opening (the newest migration applied). */
  public String schemaVersion() {
    return schemaVersion;
  }

  /** How many migrations opening applied (0 when the schema was up to date). */
  public int migrationsApplied() {
    return migrationsApplied;
  }

  /**
   * Opens a PostgreSQL database (which must exist) and migrates its schema. Every commit is
   * durable by PostgreSQL's own settings (fsync and synchronous_commit on, their defaults).
   */
  public static Database openPostgres(String jdbcUrl, String user, String password) {
    return openPostgres(jdbcUrl, user, password, DEFAULT_PARTITION_VERSIONS);
  }

  /**
   * {@link #openPostgres(String, String, String)}, making each new partition of the record
   * versions {@code partitionVersions} change-log positions wide (docs/scaling.md).
   */
  public static Database openPostgres(String jdbcUrl, String user, String password, long partitionVersions) {
    if (partitionVersions < 1) {
      throw CixException.invalidInput("a partition of the record versions holds at least 1 position, not "
          + partitionVersions);
    }
    Database database = new Database(Engine.POSTGRES, PostgresPool.open(jdbcUrl, user, password, false), null);
    database.partitions = new VersionPartitions(database, partitionVersions);
    database.migrate();
    return database;
  }

  /** The partitions of the record versions this database makes as the change log grows (none on H2). */
  VersionPartitions partitions() {
    return partitions;
  }

  /**
   * Opens a hot standby of a node's PostgreSQL database, read only (a read front end's view of
   * its writer's records). Its schema is not migrated (a standby takes no writes) but must be the
   * one this cix knows: else the writer (or this front end) runs another version of cix.
   */
  public static Database openStandby(String jdbcUrl, String user, String password) {
    Database database = new Database(Engine.POSTGRES, PostgresPool.open(jdbcUrl, user, password, true), null);
    database.requireCurrentSchema(jdbcUrl);
    return database;
  }

  /**
   * Opens another node process's PostgreSQL database without migrating it (where a read front
   * end records the checks it answers: its writer's database); its schema must be current.
   */
  public static Database openWriters(String jdbcUrl, String user, String password) {
    Database database = new Database(Engine.POSTGRES, PostgresPool.open(jdbcUrl, user, password, false), null);
    database.requireCurrentSchema(jdbcUrl);
    return database;
  }

  /** Opens (creating if needed) the unencrypted H2 database in {@code dataDir} and migrates its schema. */
  public static Database openH2(Path dataDir) {
    return openH2(dataDir, Optional.empty());
  }

  /**
   * Opens (creating if needed) the H2 database in {@code dataDir}, encrypted at rest with AES under
   * {@code fileKey} when one is given ({@link StorageKey}), and migrates its schema. The directory is
   * made owner-only when created and refused when others may enter it; its files are made 0600.
   */
  public static Database openH2(Path dataDir, Optional<String> fileKey) {
    try {
      PrivateFiles.createDirectory(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
    }
    PrivateFiles.requireOwnerOnly(dataDir);
    DataDirectoryLock lock = DataDirectoryLock.take(dataDir);
    HikariConfig config = new HikariConfig();
    // FILE_LOCK=FILE: a second process on the same data directory fails at once, clearly
    config.setJdbcUrl("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(FILE) + ";FILE_LOCK=FILE;DB_CLOSE_ON_EXIT=FALSE"
        // H2's default retention (45 s) stays: with 1 s, kill -9 during an ingest (and long
        // reads beside writes) left "Chunk N not found" in the file (docs/reliability.md);
        // record bodies are Chinese text, and compressed pages take a third of the space
        // (docs/performance.md)
        + ";COMPRESS=TRUE" + (fileKey.isPresent() ? ";CIPHER=AES" : ""));
    config.setUsername("cix");
    // with CIPHER, H2 reads the password as "<file password> <user password>"
    config.setPassword(fileKey.map(key -> key + " ").orElse(""));
    config.setMaximumPoolSize(4);
    config.setPoolName("cix-h2");
    config.setAutoCommit(true);
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      lock.close();
      throw new CixException(CixException.Kind.UNAVAILABLE, "cannot open the database in " + dataDir + ": "
          + rootMessage(e) + keyHint(rootMessage(e), fileKey.isPresent()), e);
    }
    Database database = new Database(Engine.H2, dataSource, lock);
    database.migrate();
    try {
      PrivateFiles.restrictFilesIn(dataDir);
    } catch (IOException e) {
      database.close();
      throw new UncheckedIOException("cannot make the files of " + dataDir + " owner-only: " + e.getMessage(), e);
    }
    return database;
  }

  /** What to check when H2 cannot read its file: the key it was encrypted with. */
  private static String keyHint(String message, boolean keyGiven) {
    if (message == null || !(message.contains("password") || message.contains("header is corrupt"))) {
      return "";
    }
    return keyGiven
        ? " (the node directory's " + StorageKey.FILE + " may not be the key this store was encrypted with, or the "
            + "store was made unencrypted by an older cix: see the operator guide)"
        : " (if this store is encrypted, the node directory needs the " + StorageKey.FILE + " it was made with)";
  }

  /** Applies the migrations this store lacks ({@link Migrations}). */
  private void migrate() {
    try {
      Flyway flyway = Migrations.flyway(engine, dataSource);
      Migrations.adoptOneTree(flyway, engine, dataSource);
      MigrateResult result = flyway.migrate();
      migrationsApplied = result.migrationsExecuted;
      schemaVersion = flyway.info().current() == null ? "" : flyway.info().current().getVersion().getVersion();
      if (result.migrationsExecuted > 0) {
        log.info("database schema migrated to version {} ({} migrations)", result.targetSchemaVersion,
            result.migrationsExecuted);
      }
    } catch (FlywayException | SQLException e) {
      close();
      throw new CixException(CixException.Kind.UNAVAILABLE, "cannot migrate the database schema: " + e.getMessage(), e);
    }
  }

  /** Refuses (and closes) a database whose schema is not the newest this cix knows. */
  private void requireCurrentSchema(String where) {
    try {
      MigrationInfoService info = Migrations.flyway(engine, dataSource).info();
      schemaVersion = info.current() == null ? "" : info.current().getVersion().getVersion();
      if (info.pending().length > 0) {
        String expected = info.pending()[info.pending().length - 1].getVersion().getVersion();
        throw CixException.preconditionFailed("the database " + where + " has schema version "
            + (schemaVersion.isEmpty() ? "(none)" : schemaVersion) + " but this cix needs " + expected
            + ": start the writer with this version of cix first (it migrates the schema)");
      }
    } catch (FlywayException e) {
      close();
      throw new CixException(CixException.Kind.UNAVAILABLE, "cannot read the schema version of " + where + ": "
          + e.getMessage(), e);
    } catch (CixException e) {
      close();
      throw e;
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
    if (lock != null) {
      lock.close();
    }
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
