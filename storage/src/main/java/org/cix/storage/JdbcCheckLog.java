package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cix.core.ingest.KeyedRows;
import org.cix.core.discipline.PendingFeedback;
import org.cix.core.discipline.CheckEntry;
import org.cix.core.discipline.CheckLog;
import org.cix.core.discipline.Decision;

/**
 * The check log on the node's database: table {@code discipline_check}, and the feedback rows
 * waiting to be published in {@code feedback_outbox}.
 */
public final class JdbcCheckLog implements CheckLog {
  private static final int MAX_IDS = 4096 / 33;

  private final Database database;

  public JdbcCheckLog(Database database) {
    this.database = database;
  }

  @Override
  public void append(CheckEntry e, List<Map<String, String>> feedback) {
    List<String> ids = e.recordIds().size() > MAX_IDS ? e.recordIds().subList(0, MAX_IDS) : e.recordIds();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO discipline_check (at, asker, purpose, subject_id, "
            + "action, decision, record_ids) VALUES (?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement outbox = c.prepareStatement("INSERT INTO feedback_outbox (fields) VALUES (?)")) {
      c.setAutoCommit(feedback.isEmpty());
      s.setLong(1, e.at().toEpochMilli());
      s.setString(2, Queries.truncate(e.asker(), 200));
      s.setString(3, Queries.truncate(e.purpose(), 500));
      s.setString(4, e.subjectId());
      s.setString(5, Queries.truncate(e.action(), 128));
      s.setString(6, e.decision().name().toLowerCase(Locale.ROOT));
      s.setString(7, String.join(",", ids));
      s.executeUpdate();
      if (!feedback.isEmpty()) {
        for (Map<String, String> row : feedback) {
          outbox.setString(1, KeyedRows.json(row));
          outbox.addBatch();
        }
        outbox.executeBatch();
        c.commit();
      }
    } catch (SQLException ex) {
      throw Transactions.failure("record the check", ex);
    }
  }

  @Override
  public List<PendingFeedback> pendingFeedback(int limit) {
    List<PendingFeedback> pending = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT id, fields FROM feedback_outbox ORDER BY id LIMIT ?")) {
      s.setInt(1, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          pending.add(new PendingFeedback(r.getLong(1), KeyedRows.parse(r.getString(2))));
        }
      }
    } catch (SQLException ex) {
      throw Transactions.failure("read the feedback outbox", ex);
    }
    return pending;
  }

  @Override
  public void feedbackPublished(long id) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("DELETE FROM feedback_outbox WHERE id <= ?")) {
      s.setLong(1, id);
      s.executeUpdate();
    } catch (SQLException ex) {
      throw Transactions.failure("empty the feedback outbox", ex);
    }
  }

  @Override
  public List<CheckEntry> recent(int limit) {
    List<CheckEntry> entries = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT at, asker, purpose, subject_id, action, decision, record_ids "
            + "FROM discipline_check ORDER BY id DESC LIMIT ?")) {
      s.setInt(1, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String ids = r.getString(7);
          entries.add(new CheckEntry(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3),
              r.getString(4), r.getString(5), Decision.valueOf(r.getString(6).toUpperCase(Locale.ROOT)),
              ids.isEmpty() ? List.of() : Arrays.asList(ids.split(","))));
        }
      }
    } catch (SQLException ex) {
      throw Transactions.failure("read the check log", ex);
    }
    return entries;
  }
}
