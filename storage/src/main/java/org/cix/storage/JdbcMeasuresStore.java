package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cix.core.discipline.MeasuresStore;

/** The measures adopted from the parent, on the node's database (table {@code adopted_measures}). */
public final class JdbcMeasuresStore implements MeasuresStore {
  private final Database database;

  public JdbcMeasuresStore(Database database) {
    this.database = database;
  }

  @Override
  public Optional<Map<String, byte[]>> adopted() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT name, content FROM adopted_measures ORDER BY position")) {
      while (r.next()) {
        files.put(r.getString(1), r.getBytes(2));
      }
    } catch (SQLException e) {
      throw Transactions.failure("read the adopted measures", e);
    }
    return files.isEmpty() ? Optional.empty() : Optional.of(files);
  }

  @Override
  public void adopt(Map<String, byte[]> files) {
    Transactions.run(database, "keep the adopted measures", c -> {
      try (Statement clear = c.createStatement();
          PreparedStatement insert = c.prepareStatement(
              "INSERT INTO adopted_measures (position, name, content) VALUES (?, ?, ?)")) {
        clear.executeUpdate("DELETE FROM adopted_measures");
        int position = 0;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
          insert.setInt(1, position++);
          insert.setString(2, file.getKey());
          insert.setBytes(3, file.getValue());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    });
  }
}
