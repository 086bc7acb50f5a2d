package org.cix.storage;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases for tests, by name, on either engine: H2 files under a directory, or databases of
 * one real PostgreSQL server started (and installed, when missing) once per JVM and stopped at
 * its exit. Opening a name again opens the same database, as a restarted node would.
 */
public final class TestDatabases {
  private static final AtomicInteger RUN = new AtomicInteger();
  private static LocalPostgres postgres;

  private final Database.Engine engine;
  private final Path dir;
  private final String prefix;
  private final Set<String> created = new HashSet<>();

  public TestDatabases(Database.Engine engine, Path dir) {
    this.engine = engine;
    this.dir = dir;
    this.prefix = "t" + ProcessHandle.current().pid() + "_" + RUN.incrementAndGet() + "_";
  }

  public Database.Engine engine() {
    return engine;
  }

  public Database open(String name) {
    return open(name, Database.DEFAULT_PARTITION_VERSIONS);
  }

  /** {@link #open(String)}, record versions partitioned {@code partitionVersions} wide on PostgreSQL. */
  public Database open(String name, long partitionVersions) {
    return switch (engine) {
      case H2 -> Database.openH2(dir.resolve(name));
      case POSTGRES -> Database.openPostgres(url(name), LocalPostgres.USER, "", partitionVersions);
    };
  }

  /** The JDBC URL of PostgreSQL database {@code name} of this test, created on first use. */
  public String url(String name) {
    String database = prefix + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return created.add(database) ? server().createDatabase(database) : server().jdbcUrl(database);
  }

  /** The PostgreSQL server of this JVM's tests. */
  public static synchronized LocalPostgres server() {
    if (postgres == null) {
      postgres = LocalPostgres.start();
      LocalPostgres started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-test-postgres"));
    }
    return postgres;
  }
}
