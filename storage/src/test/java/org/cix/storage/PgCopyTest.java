package org.cix.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows streamed into a real PostgreSQL server by binary COPY, and what a refused or broken copy leaves. */
class PgCopyTest {
  private static final String TABLE = "t (id, body, note)";
  @TempDir Path dir;

  @Test
  void rowsStreamIn_andARefusedOrBrokenCopyLeavesTheConnectionUsable() throws Exception {
    TestDatabases postgres = new TestDatabases(Database.Engine.POSTGRES, dir);
    try (Connection c = DriverManager.getConnection(postgres.url("copy"), LocalPostgres.USER, "")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, body BYTEA NOT NULL, note TEXT)");
      }
      c.setAutoCommit(false);
      // more than the stream's buffer: sent in several pieces
      PgCopy.into(c, TABLE, copy -> {
        for (long i = 0; i < 5_000; i++) {
          copy.row(3).bigint(i).bytes(new byte[100]).text(i % 2 == 0 ? "行 " + i : null);
        }
      });
      c.commit();
      assertThat(Queries.count(c, "SELECT COUNT(*) FROM t")).isEqualTo(5_000);
      assertThat(Queries.count(c, "SELECT COUNT(*) FROM t WHERE note IS NULL")).isEqualTo(2_500);
      assertThat(Queries.count(c, "SELECT SUM(octet_length(body)) FROM t")).isEqualTo(500_000);
      assertThat(Queries.count(c, "SELECT COUNT(*) FROM t WHERE note = '行 4998'")).isEqualTo(1);

      assertThatThrownBy(() -> PgCopy.into(c, TABLE, copy -> copy.row(3).bigint(7L).bytes(new byte[1]).text("again")))
          .as("the server's refusal, with its SQLSTATE").isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
      c.rollback();
      assertThatThrownBy(() -> PgCopy.into(c, TABLE, copy -> {
        copy.row(3).bigint(10_000L).bytes(new byte[1]).text("half");
        throw new IllegalStateException("a fault while making the rows");
      })).as("thrown as it is, the copy cancelled").isInstanceOf(IllegalStateException.class);
      c.rollback();

      PgCopy.into(c, TABLE, copy -> copy.row(3).bigint(9_999L).bytes(new byte[1]).text("after"));
      c.commit();
      assertThat(Queries.count(c, "SELECT COUNT(*) FROM t")).as("neither left a row").isEqualTo(5_001);
    }
  }
}
