package org.cix.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cix.core.ingest.IngestProgress;
import org.cix.core.submission.Submission;
import org.cix.core.submission.SubmissionReject;
import org.cix.core.submission.SubmissionStore;

/** The departments' submissions on the node's database (tables {@code submission}, {@code submission_reject}). */
public final class JdbcSubmissionStore implements SubmissionStore {
  private static final String COLUMNS = "id, account, department, file_name, type_id, sha256, at, finished, rows_read, "
      + "created, updated, unchanged, rejected, failure";
  private final Database database;

  public JdbcSubmissionStore(Database database) {
    this.database = database;
  }

  @Override
  public Submission begin(Submission b) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO submission (account, department, file_name, type_id, "
            + "sha256, at, finished, rows_read, created, updated, unchanged, rejected) "
            + "VALUES (?, ?, ?, ?, ?, ?, FALSE, 0, 0, 0, 0, 0)", Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, b.account());
      s.setString(2, b.department());
      s.setString(3, Queries.truncate(b.fileName(), 500));
      s.setString(4, b.type());
      s.setString(5, b.sha256());
      s.setLong(6, b.at().toEpochMilli());
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return new Submission(keys.getLong(1), b.account(), b.department(), b.fileName(), b.type(), b.sha256(), b.at(),
            Optional.empty(), Optional.empty());
      }
    } catch (SQLException e) {
      throw Transactions.failure("record the submission", e);
    }
  }

  @Override
  public void finish(long id, IngestProgress result, List<SubmissionReject> rejects) {
    Transactions.run(database, "keep the receipt of submission " + id, c -> {
      try (PreparedStatement rows = c.prepareStatement("INSERT INTO submission_reject (submission_id, ordinal, "
          + "source_row, row_where, field, code, message) VALUES (?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement done = c.prepareStatement("UPDATE submission SET finished = TRUE, rows_read = ?, "
              + "created = ?, updated = ?, unchanged = ?, rejected = ? WHERE id = ?")) {
        int position = 0;
        for (SubmissionReject reject : rejects) {
          rows.setLong(1, id);
          rows.setInt(2, position++);
          rows.setLong(3, reject.row());
          rows.setString(4, Queries.truncate(reject.where(), 200));
          rows.setString(5, Queries.truncate(reject.field(), 64));
          rows.setString(6, Queries.truncate(reject.code(), 64));
          rows.setString(7, Queries.truncate(reject.message(), 2000));
          rows.addBatch();
          if (position % 1000 == 0) {
            rows.executeBatch();
          }
        }
        rows.executeBatch();
        done.setLong(1, result.rows());
        done.setLong(2, result.created());
        done.setLong(3, result.updated());
        done.setLong(4, result.unchanged());
        done.setLong(5, result.rejected());
        done.setLong(6, id);
        done.executeUpdate();
      }
    });
  }

  @Override
  public void fail(long id, String reason) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("UPDATE submission SET failure = ? WHERE id = ?")) {
      s.setString(1, Queries.truncate(reason, 2000));
      s.setLong(2, id);
      s.executeUpdate();
    } catch (SQLException e) {
      throw Transactions.failure("record the failure of submission " + id, e);
    }
  }

  @Override
  public Optional<Submission> byId(long id) {
    return query("SELECT " + COLUMNS + " FROM submission WHERE id = ?", s -> s.setLong(1, id)).stream().findFirst();
  }

  @Override
  public Optional<Submission> finished(String department, String sha256) {
    return query("SELECT " + COLUMNS + " FROM submission WHERE department = ? AND sha256 = ? AND finished "
        + "ORDER BY id", s -> {
          s.setString(1, department);
          s.setString(2, sha256);
        }).stream().findFirst();
  }

  @Override
  public List<SubmissionReject> rejects(long id) {
    List<SubmissionReject> rejects = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT source_row, row_where, field, code, message "
            + "FROM submission_reject WHERE submission_id = ? ORDER BY ordinal")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rejects.add(new SubmissionReject(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
              r.getString(5)));
        }
      }
    } catch (SQLException e) {
      throw Transactions.failure("read the refused rows of submission " + id, e);
    }
    return rejects;
  }

  @Override
  public List<Submission> ofDepartment(String department, int limit) {
    return query("SELECT " + COLUMNS + " FROM submission WHERE department = ? ORDER BY id DESC", s -> {
      s.setString(1, department);
      s.setMaxRows(limit);
    });
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private List<Submission> query(String sql, Binder binder) {
    List<Submission> found = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          boolean finished = r.getBoolean(8);
          Optional<IngestProgress> result = finished ? Optional.of(new IngestProgress(r.getLong(9), r.getLong(10),
              r.getLong(11), r.getLong(12), r.getLong(13), r.getLong(10) + r.getLong(11) + r.getLong(12), 0, true))
              : Optional.empty();
          found.add(new Submission(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
              r.getString(6), Instant.ofEpochMilli(r.getLong(7)), result, Optional.ofNullable(r.getString(14))));
        }
      }
    } catch (SQLException e) {
      throw Transactions.failure("read the submissions", e);
    }
    return found;
  }
}
