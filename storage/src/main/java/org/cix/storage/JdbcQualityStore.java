package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.cix.core.quality.DepartmentQuality;
import org.cix.core.quality.IssueKind;
import org.cix.core.quality.QualityIssue;
import org.cix.core.quality.QualityStore;

/** The quality queue on the node's database (tables {@code quality_issue}, {@code quality_received}, {@code quality_cursor}). */
public final class JdbcQualityStore implements QualityStore {
  private static final String COLUMNS = "id, at, kind, department, department_name, reason_code, source, record_id, "
      + "subject_id, detail, resolved_at, resolved_by, resolution";
  private final Database database;

  public JdbcQualityStore(Database database) {
    this.database = database;
  }

  /** Inserts {@code issues} on {@code c}, in the caller's transaction. */
  static void insert(Connection c, List<QualityIssue> issues) throws SQLException {
    if (issues.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO quality_issue (at, kind, department, department_name, "
        + "reason_code, source, record_id, subject_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (QualityIssue issue : issues) {
        s.setLong(1, issue.atMillis());
        s.setString(2, issue.kind().name());
        s.setString(3, Queries.truncate(issue.department(), 18));
        s.setString(4, Queries.truncate(issue.departmentName(), 200));
        s.setString(5, Queries.truncate(issue.reasonCode(), 64));
        s.setString(6, Queries.truncate(issue.source(), 1024));
        s.setString(7, issue.recordId());
        s.setString(8, Queries.truncate(issue.subjectId(), 18));
        s.setString(9, Queries.truncate(issue.detail(), 4096));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  @Override
  public List<QualityIssue> list(boolean openOnly, Optional<String> department, int limit) {
    String where = (openOnly ? " AND resolved_at IS NULL" : "") + (department.isPresent() ? " AND department = ?" : "");
    return select("SELECT " + COLUMNS + " FROM quality_issue WHERE 1 = 1" + where + " ORDER BY id DESC LIMIT ?", s -> {
      int i = 1;
      if (department.isPresent()) {
        s.setString(i++, department.get());
      }
      s.setInt(i, limit);
    });
  }

  @Override
  public Optional<QualityIssue> get(long id) {
    return select("SELECT " + COLUMNS + " FROM quality_issue WHERE id = ?", s -> s.setLong(1, id)).stream()
        .findFirst();
  }

  @Override
  public boolean hasOpen(IssueKind kind, String subjectId) {
    return !select("SELECT " + COLUMNS + " FROM quality_issue WHERE subject_id = ? AND kind = ? "
        + "AND resolved_at IS NULL LIMIT 1", s -> {
          s.setString(1, subjectId);
          s.setString(2, kind.name());
        }).isEmpty();
  }

  @Override
  public boolean resolve(long id, QualityIssue.Resolution resolution) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("UPDATE quality_issue SET resolved_at = ?, resolved_by = ?, "
            + "resolution = ? WHERE id = ? AND resolved_at IS NULL")) {
      s.setLong(1, resolution.atMillis());
      s.setString(2, Queries.truncate(resolution.by(), 200));
      s.setString(3, Queries.truncate(resolution.text(), 2000));
      s.setLong(4, id);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw Transactions.failure("resolve quality issue " + id, e);
    }
  }

  @Override
  public void read(long cursor, Map<String, Received> byDepartment, Map<DepartmentMonth, Long> byMonth,
      List<QualityIssue> found) {
    Transactions.run(database, "keep what the change log showed of data quality", c -> {
      try (PreparedStatement update = c.prepareStatement("UPDATE quality_received SET versions = versions + ?, "
              + "department_name = CASE WHEN department_name = '' THEN ? ELSE department_name END WHERE department = ?");
          PreparedStatement insert = c.prepareStatement("INSERT INTO quality_received (department, department_name, "
              + "versions) VALUES (?, ?, ?)")) {
        for (Map.Entry<String, Received> entry : byDepartment.entrySet()) {
          String name = Queries.truncate(entry.getValue().name(), 200);
          update.setLong(1, entry.getValue().versions());
          update.setString(2, name);
          update.setString(3, entry.getKey());
          if (update.executeUpdate() == 0) {
            insert.setString(1, entry.getKey());
            insert.setString(2, name);
            insert.setLong(3, entry.getValue().versions());
            insert.executeUpdate();
          }
        }
        addMonths(c, byMonth);
        insert(c, found);
        ChangeLogCursor.move(c, database.engine(), "quality_cursor", cursor);
      }
    });
  }

  /** Adds versions per department and month, making the rows a month's first versions need. */
  static void addMonths(Connection c, Map<DepartmentMonth, Long> byMonth) throws SQLException {
    try (PreparedStatement update = c.prepareStatement("UPDATE quality_received_month SET versions = versions + ? "
            + "WHERE department = ? AND made_in = ?");
        PreparedStatement insert = c.prepareStatement("INSERT INTO quality_received_month (department, made_in, "
            + "versions) VALUES (?, ?, ?)")) {
      for (Map.Entry<DepartmentMonth, Long> entry : byMonth.entrySet()) {
        update.setLong(1, entry.getValue());
        update.setString(2, entry.getKey().department());
        update.setString(3, entry.getKey().month());
        if (update.executeUpdate() == 0) {
          insert.setString(1, entry.getKey().department());
          insert.setString(2, entry.getKey().month());
          insert.setLong(3, entry.getValue());
          insert.executeUpdate();
        }
      }
    }
  }

  @Override
  public List<Monthly> monthly(String fromMonth) {
    List<Monthly> monthly = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT m.department, COALESCE(r.department_name, ''), m.made_in, "
            + "m.versions FROM quality_received_month m LEFT JOIN quality_received r ON r.department = m.department "
            + "WHERE m.made_in >= ? ORDER BY m.made_in, m.department")) {
      s.setString(1, fromMonth);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          monthly.add(new Monthly(r.getString(1), r.getString(2), r.getString(3), r.getLong(4)));
        }
      }
      return monthly;
    } catch (SQLException e) {
      throw Transactions.failure("read the versions per department and month", e);
    }
  }

  @Override
  public List<DepartmentQuality> departments() {
    Map<String, String> names = new TreeMap<>();
    Map<String, Long> received = new LinkedHashMap<>();
    Map<String, Map<String, Long>> refused = new LinkedHashMap<>();
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, List<Long>> fixes = new LinkedHashMap<>();
    try (Connection c = database.dataSource().getConnection()) {
      try (PreparedStatement s = c.prepareStatement("SELECT department, department_name, versions FROM quality_received");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          names.put(r.getString(1), r.getString(2));
          received.put(r.getString(1), r.getLong(3));
        }
      }
      try (PreparedStatement s = c.prepareStatement("SELECT department, MAX(department_name), kind, reason_code, "
          + "COUNT(*), SUM(CASE WHEN resolved_at IS NULL THEN 1 ELSE 0 END) FROM quality_issue "
          + "GROUP BY department, kind, reason_code");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String department = r.getString(1);
          if (names.getOrDefault(department, "").isEmpty()) {
            names.put(department, r.getString(2));
          }
          IssueKind kind = IssueKind.valueOf(r.getString(3));
          long n = r.getLong(5);
          long[] c3 = counts.computeIfAbsent(department, k -> new long[3]);
          switch (kind) {
            case REJECTED, REFUSED -> refused.computeIfAbsent(department, k -> new TreeMap<>())
                .merge(r.getString(4), n, Long::sum);
            case CONFLICT -> c3[0] += n;
            case NAME_MISMATCH -> c3[1] += n;
          }
          c3[2] += r.getLong(6);
        }
      }
      try (PreparedStatement s = c.prepareStatement("SELECT department, resolved_at - at FROM quality_issue "
          + "WHERE resolved_at IS NOT NULL");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          fixes.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw Transactions.failure("read the quality figures", e);
    }
    List<DepartmentQuality> figures = new ArrayList<>();
    for (Map.Entry<String, String> department : names.entrySet()) {
      String id = department.getKey();
      long[] c3 = counts.getOrDefault(id, new long[3]);
      figures.add(new DepartmentQuality(id, department.getValue(), received.getOrDefault(id, 0L),
          refused.getOrDefault(id, Map.of()), c3[0], c3[1], c3[2],
          DepartmentQuality.median(fixes.getOrDefault(id, List.of()))));
    }
    return figures;
  }

  private List<QualityIssue> select(String sql, Queries.Binder binder) {
    return Queries.list(database, sql, binder, JdbcQualityStore::issue, "read the quality queue");
  }

  private static QualityIssue issue(ResultSet r) throws SQLException {
    long resolvedAt = r.getLong(11);
    Optional<QualityIssue.Resolution> resolution = r.wasNull() ? Optional.empty()
        : Optional.of(new QualityIssue.Resolution(resolvedAt, r.getString(12), r.getString(13)));
    return new QualityIssue(r.getLong(1), r.getLong(2), IssueKind.valueOf(r.getString(3)), r.getString(4),
        r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10), resolution);
  }

  @Override
  public long cursor() {
    return ChangeLogCursor.read(database, "quality_cursor");
  }
}
