package org.cix.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cix.core.record.RecordIds;
import org.cix.core.record.RecordVersion;
import org.cix.core.seal.SealedBatch;
import org.cix.core.seal.Sealer;
import org.cix.crypto.hash.Hashes;
import org.cix.crypto.pki.TestPki;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.RecordBody;
import org.cix.reliability.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's PostgreSQL primary lost and its synchronous standby promoted (issue 25, the storage
 * half): the node reaches the new primary through its multi-host JDBC URL
 * ({@code targetServerType=primary}), finds every batch it had stored there once, and goes on.
 */
@Timeout(300)
class PostgresFailoverTest {
  static final Fault PRIMARY_LOST = new Fault(
      "the PostgreSQL primary stopped as by power loss, its synchronous standby promoted (pg_ctl promote)",
      "the node's multi-host URL reaches the new primary; every batch stored before is there once; storing "
          + "goes on");
  private static final int BATCH = 50;

  @TempDir Path dir;

  @Test
  void primaryLost_standbyPromoted_everyStoredBatchIsThereOnce_andStoringGoesOn() throws Exception {
    PRIMARY_LOST.inflicted();
    Sealer sealer = new Sealer(TestPki.create(dir).node("sz", "4403"), Clock.systemUTC());
    try (LocalPostgres primary = LocalPostgres.start()) {
      primary.createDatabase("cix");
      try (LocalPostgres standby = primary.standby()) {
        // a commit returns once the standby has it: what the node was told is stored survives the primary
        sql(primary.jdbcUrl("postgres"), "ALTER SYSTEM SET synchronous_standby_names = '*'",
            "SELECT pg_reload_conf()");
        await().atMost(Duration.ofSeconds(60)).until(() -> "sync".equals(query(primary.jdbcUrl("postgres"),
            "SELECT sync_state FROM pg_stat_replication")));
        String url = "jdbc:postgresql://127.0.0.1:" + primary.port() + ",127.0.0.1:" + standby.port()
            + "/cix?targetServerType=primary";
        try (JdbcStores store = new JdbcStores(Database.openPostgres(url, LocalPostgres.USER, ""))) {
          assertThat(store.records().standbys()).as("the primary sees its synchronous standby").singleElement()
              .satisfies(s -> {
                assertThat(s.synchronous()).isTrue();
                assertThat(s.state()).isEqualTo("streaming");
              });
          List<String> stored = new ArrayList<>();
          for (int batch = 0; batch < 4; batch++) {
            SealedBatch sealed = sealer.seal(versions(batch));
            store.records().append(sealed, System.currentTimeMillis());
            sealed.versions().forEach(v -> stored.add(v.recordId()));
          }

          primary.crash();
          standby.promote();
          SealedBatch after = sealer.seal(versions(4));
          await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
            store.records().append(after, System.currentTimeMillis());
            return true;
          });

          assertThat(store.records().current(stored)).as("every batch stored before the loss").hasSize(stored.size());
          assertThat(store.records().counts().versions()).as("each once, and the one after").isEqualTo(5L * BATCH);
          assertThat(query(standby.jdbcUrl("postgres"), "SELECT pg_is_in_recovery()::text")).isEqualTo("false");
        }
      }
    }
  }

  private static List<RecordVersion> versions(int batch) {
    List<RecordVersion> versions = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      String decision = "深罚〔2026〕" + batch + "-" + i;
      versions.add(RecordVersion.create(RecordBody.newBuilder()
          .setRecordId(RecordIds.of("administrative-penalty", List.of(decision, "11440300000000000X")))
          .setVersion(1).setType("administrative-penalty").setSubjectId("9144030071526726XG").setOriginNode("sz")
          .addFields(Field.newBuilder().setKey("decision_number").setValue(decision))
          .setContentSha256(ByteString.copyFrom(Hashes.sha256(decision.getBytes(StandardCharsets.UTF_8))))
          .build()));
    }
    return versions;
  }

  private static void sql(String url, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, ""); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private static String query(String url, String select) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, ""); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(select)) {
      return r.next() ? r.getString(1) : "";
    }
  }
}
