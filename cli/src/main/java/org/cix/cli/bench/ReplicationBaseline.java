package org.cix.cli.bench;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.cix.core.error.CixException;
import org.cix.core.sync.ExchangeStore;
import org.cix.core.sync.LoggedVersion;
import org.cix.storage.LocalPostgres;
import org.cix.storage.PgCopy;
import org.cix.storage.ProofPaths;

/**
 * The baseline an operator would otherwise pick to move records between sites: PostgreSQL's own
 * logical replication (a publication on one local server, a subscription on another) of the same
 * rows, loaded with COPY in transactions of 10,000; no signatures, no checks, no provenance. Timed
 * from the start of the load until the subscriber holds every row.
 */
final class ReplicationBaseline {
  private static final int TRANSACTION = 10_000;
  private static final String TABLE = "CREATE TABLE records (seq BIGINT PRIMARY KEY, record_id BYTEA NOT NULL, "
      + "version INT NOT NULL, type_id VARCHAR(64) NOT NULL, subject_id VARCHAR(18) NOT NULL, "
      + "origin_node VARCHAR(63) NOT NULL, sha256 BYTEA NOT NULL, body BYTEA NOT NULL, seal_id BYTEA NOT NULL, "
      + "leaf_index INT NOT NULL, proof BYTEA NOT NULL)";
  private static final String COLUMNS = "records (seq, record_id, version, type_id, subject_id, origin_node, sha256, "
      + "body, seal_id, leaf_index, proof)";
  private static final long TIMEOUT_NANOS = 3_600_000_000_000L;

  private ReplicationBaseline() {}

  /**
   * Rows per second replicated from one local server to another. The rows are read from
   * {@code source} and made into COPY data in files under {@code dir} first, so the clock
   * measures PostgreSQL only.
   */
  static double run(ExchangeStore source, long rows, java.nio.file.Path dir, PrintWriter out) throws Exception {
    List<java.nio.file.Path> chunks = prepare(source, rows, java.nio.file.Files.createDirectories(dir));
    try {
      return replicate(chunks, rows, out);
    } finally {
      for (java.nio.file.Path chunk : chunks) {
        java.nio.file.Files.deleteIfExists(chunk);
      }
    }
  }

  private static double replicate(List<java.nio.file.Path> chunks, long rows, PrintWriter out) throws Exception {
    out.printf("baseline: %,d of the same rows through PostgreSQL logical replication between two local servers ...%n",
        rows);
    out.flush();
    try (LocalPostgres publisher = LocalPostgres.start(Map.of("wal_level", "logical"));
        LocalPostgres subscriber = LocalPostgres.start()) {
      String publisherUrl = publisher.createDatabase("bench");
      String subscriberUrl = subscriber.createDatabase("bench");
      try (Connection pub = DriverManager.getConnection(publisherUrl, LocalPostgres.USER, "");
          Connection sub = DriverManager.getConnection(subscriberUrl, LocalPostgres.USER, "")) {
        execute(pub, TABLE, "CREATE INDEX records_subject ON records (subject_id)", "CREATE PUBLICATION p FOR TABLE records");
        execute(sub, TABLE, "CREATE INDEX records_subject ON records (subject_id)",
            "CREATE SUBSCRIPTION s CONNECTION 'host=127.0.0.1 port=" + publisher.port() + " dbname=bench user="
                + LocalPostgres.USER + "' PUBLICATION p");
        CpuAccount cpu = CpuAccount.now();
        long started = System.nanoTime();
        load(chunks, pub);
        long loaded = System.nanoTime();
        long held;
        while ((held = count(sub)) < rows) {
          if (System.nanoTime() - started > TIMEOUT_NANOS) {
            throw new CixException(CixException.Kind.UNAVAILABLE, "the subscriber holds " + held + " of " + rows);
          }
          Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("all %,d rows on the subscriber after %.1f s (the load took %.1f s)%n", rows, seconds,
            (loaded - started) / 1e9);
        cpu.print("the logical replication (units: rows)", rows, out);
        execute(sub, "DROP SUBSCRIPTION s");
        return rows / seconds;
      }
    }
  }

  private static void load(List<java.nio.file.Path> chunks, Connection pub) throws SQLException, java.io.IOException {
    pub.setAutoCommit(false);
    for (java.nio.file.Path chunk : chunks) {
      PgCopy.send(pub, COLUMNS, java.nio.file.Files.readAllBytes(chunk));
      pub.commit();
    }
    pub.setAutoCommit(true);
  }

  /** COPY data of {@code rows} rows of {@code source}, {@value #TRANSACTION} rows a file. */
  private static List<java.nio.file.Path> prepare(ExchangeStore source, long rows, java.nio.file.Path dir)
      throws java.io.IOException {
    HexFormat hex = HexFormat.of();
    List<java.nio.file.Path> chunks = new java.util.ArrayList<>();
    long after = 0;
    while (after < rows) {
      List<LoggedVersion> chunk = source.changesAfter(after, TRANSACTION);
      if (chunk.isEmpty()) {
        break;
      }
      byte[] data = PgCopy.toBytes(chunk.size() * 2048, copy -> {
        for (LoggedVersion v : chunk) {
          copy.row(11).bigint(v.seq()).bytes(hex.parseHex(v.recordId())).integer(v.version()).text(v.type())
              .text(v.subjectId()).text(v.originNode()).bytes(v.sha256()).bytes(v.body())
              .bytes(hex.parseHex(v.proof().getSealId())).integer(v.proof().getLeafIndex()).bytes(ProofPaths.encode(v.proof()));
        }
      });
      java.nio.file.Path file = dir.resolve("chunk-" + chunks.size() + ".copy");
      java.nio.file.Files.write(file, data);
      chunks.add(file);
      after = chunk.get(chunk.size() - 1).seq();
    }
    return chunks;
  }

  private static long count(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM records")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void execute(Connection c, String... statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
