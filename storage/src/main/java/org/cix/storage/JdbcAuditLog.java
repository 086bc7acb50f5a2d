package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cix.core.audit.AuditChain;
import org.cix.core.audit.AuditEntry;
import org.cix.core.audit.AuditEvent;
import org.cix.core.audit.AuditLog;
import org.cix.core.audit.CountersignedHead;

/**
 * The audit log on the node's database (table {@code audit_log}; appends one at a time, in order)
 * and the countersigned heads (table {@code audit_countersigned}).
 */
public final class JdbcAuditLog implements AuditLog {
  /** SQLSTATE of a duplicate key, in H2 and PostgreSQL alike. */
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int APPEND_ATTEMPTS = 50;
  private final Database database;

  public JdbcAuditLog(Database database) {
    this.database = database;
  }

  /**
   * Appends {@code e} after the newest entry. Another process may append to the same log (a read
   * front end records its checks in its writer's database): the entry's number is the key, so of
   * two appends after the same entry one fails on it and is tried again after the other's.
   */
  @Override
  public synchronized AuditEntry append(AuditEvent e) {
    AuditEvent event = new AuditEvent(e.at(), Queries.truncate(e.actor(), 300),
        Queries.truncate(e.action(), 64), Queries.truncate(e.subject(), 64),
        Queries.truncate(e.detail(), 2000));
    for (int attempt = 1; ; attempt++) {
      try (Connection c = database.dataSource().getConnection()) {
        return appendAfterLast(c, event);
      } catch (SQLException ex) {
        if (!UNIQUE_VIOLATION.equals(ex.getSQLState()) || attempt == APPEND_ATTEMPTS) {
          throw Transactions.failure("append to the audit log", ex);
        }
      }
    }
  }

  private static AuditEntry appendAfterLast(Connection c, AuditEvent event) throws SQLException {
    long seq = 1;
    byte[] previous = AuditChain.GENESIS;
    try (Statement s = c.createStatement();
        ResultSet last = s.executeQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")) {
      if (last.next()) {
        seq = last.getLong(1) + 1;
        previous = last.getBytes(2);
      }
    }
    byte[] hash = AuditChain.hash(seq, event, previous);
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_log (seq, at, actor, action, subject, "
        + "detail, previous, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, seq);
      insert.setLong(2, event.at().toEpochMilli());
      insert.setString(3, event.actor());
      insert.setString(4, event.action());
      insert.setString(5, event.subject());
      insert.setString(6, event.detail());
      insert.setBytes(7, previous);
      insert.setBytes(8, hash);
      insert.executeUpdate();
    }
    return new AuditEntry(seq, event, previous, hash);
  }

  @Override
  public long lastSeq() {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM audit_log")) {
      r.next();
      return r.getLong(1);
    } catch (SQLException ex) {
      throw Transactions.failure("read the audit log", ex);
    }
  }

  @Override
  public List<AuditEntry> after(long afterSeq, int limit) {
    List<AuditEntry> entries = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT seq, at, actor, action, subject, detail, previous, hash "
            + "FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?")) {
      s.setLong(1, afterSeq);
      s.setInt(2, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          entries.add(new AuditEntry(r.getLong(1), new AuditEvent(Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
              r.getString(4), r.getString(5), r.getString(6)), r.getBytes(7), r.getBytes(8)));
        }
      }
    } catch (SQLException ex) {
      throw Transactions.failure("read the audit log", ex);
    }
    return entries;
  }

  @Override
  public void keepCountersigned(CountersignedHead head) {
    try (Connection c = database.dataSource().getConnection()) {
      try (PreparedStatement held = c.prepareStatement("SELECT 1 FROM audit_countersigned WHERE node = ? AND seq = ? "
          + "AND witness = ?")) {
        held.setString(1, head.node());
        held.setLong(2, head.seq());
        held.setString(3, head.witness());
        try (ResultSet r = held.executeQuery()) {
          if (r.next()) {
            return;
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_countersigned (node, seq, hash, witness, "
          + "witnessed_at, proof) VALUES (?, ?, ?, ?, ?, ?)")) {
        s.setString(1, head.node());
        s.setLong(2, head.seq());
        s.setBytes(3, head.hash());
        s.setString(4, head.witness());
        s.setLong(5, head.witnessedAtMillis());
        s.setBytes(6, head.proof());
        s.executeUpdate();
      }
    } catch (SQLException e) {
      throw Transactions.failure("keep a countersigned audit head", e);
    }
  }

  @Override
  public List<CountersignedHead> countersigned(String node) {
    return heads("SELECT node, seq, hash, witness, witnessed_at, proof FROM audit_countersigned WHERE node = ? "
        + "ORDER BY seq", node);
  }

  @Override
  public List<CountersignedHead> latestOfOthers(String self) {
    return heads("SELECT a.node, a.seq, a.hash, a.witness, a.witnessed_at, a.proof FROM audit_countersigned a "
        + "JOIN (SELECT node, MAX(seq) AS seq FROM audit_countersigned WHERE node <> ? GROUP BY node) m "
        + "ON a.node = m.node AND a.seq = m.seq ORDER BY a.node", self);
  }

  private List<CountersignedHead> heads(String sql, String parameter) {
    List<CountersignedHead> heads = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, parameter);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          heads.add(new CountersignedHead(r.getString(1), r.getLong(2), r.getBytes(3), r.getString(4), r.getLong(5),
              r.getBytes(6)));
        }
      }
    } catch (SQLException e) {
      throw Transactions.failure("read countersigned audit heads", e);
    }
    return heads;
  }
}
