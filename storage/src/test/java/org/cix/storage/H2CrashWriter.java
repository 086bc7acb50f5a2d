package org.cix.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;

/**
 * The process {@link H2CrashDurabilityTest} kills: two threads write without pause through the
 * node's {@link Database}, the main thread commits batches the way the record store does (one
 * transaction, then {@code CHECKPOINT SYNC}) and prints the last id of each batch once that
 * returned: what it printed was acknowledged as durable.
 */
public final class H2CrashWriter {
  private H2CrashWriter() {}

  public static void main(String[] args) throws Exception {
    Database database = Database.openH2(Path.of(args[0]));
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS crash_acked(id BIGINT PRIMARY KEY, body VARBINARY(2000))");
      s.execute("CREATE TABLE IF NOT EXISTS crash_noise(id BIGINT AUTO_INCREMENT PRIMARY KEY, body VARBINARY(2000))");
    }
    byte[] body = new byte[1500];
    new Random(1).nextBytes(body);
    for (int t = 0; t < 2; t++) {
      Thread noise = new Thread(() -> {
        try (Connection c = database.dataSource().getConnection();
            PreparedStatement insert = c.prepareStatement("INSERT INTO crash_noise(body) VALUES (?)")) {
          while (true) {
            insert.setBytes(1, body);
            insert.executeUpdate();
          }
        } catch (Exception e) {
          System.err.println(e);
        }
      });
      noise.setDaemon(true);
      noise.start();
    }
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement insert = c.prepareStatement("INSERT INTO crash_acked VALUES (?, ?)");
        Statement s = c.createStatement()) {
      long next;
      try (ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM crash_acked")) {
        r.next();
        next = r.getLong(1) + 1;
      }
      while (true) {
        c.setAutoCommit(false);
        for (int i = 0; i < 20; i++) {
          insert.setLong(1, next++);
          insert.setBytes(2, body);
          insert.addBatch();
        }
        insert.executeBatch();
        c.commit();
        c.setAutoCommit(true);
        s.execute("CHECKPOINT SYNC");
        System.out.println(next - 1);
        System.out.flush();
      }
    }
  }
}
