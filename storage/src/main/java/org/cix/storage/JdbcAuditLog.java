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

/** The audit log on the node's database (table {@code audit_log}); appends one at a time, in order. */
public final class JdbcAuditLog implements AuditLog {
  private final Database database;

  public JdbcAuditLog(Database database) {
    this.database = database;
  }

  @Override
  public synchronized AuditEntry append(AuditEvent e) {
    AuditEvent event = new AuditEvent(e.at(), JdbcRecordStore.truncate(e.actor(), 300),
        JdbcRecordStore.truncate(e.action(), 64), JdbcRecordStore.truncate(e.subject(), 64),
        JdbcRecordStore.truncate(e.detail(), 2000));
    try (Connection c = database.dataSource().getConnection()) {
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
    } catch (SQLException ex) {
      throw JdbcRecordStore.failure("append to the audit log", ex);
    }
  }

  @Override
  public long lastSeq() {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM audit_log")) {
      r.next();
      return r.getLong(1);
    } catch (SQLException ex) {
      throw JdbcRecordStore.failure("read the audit log", ex);
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
      throw JdbcRecordStore.failure("read the audit log", ex);
    }
    return entries;
  }
}
