package org.cix.storage;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.correction.CorrectionRequest;
import org.cix.core.correction.CorrectionStore;
import org.cix.core.ingest.KeyedRows;

/**
 * The requests a node knows, on its database (table {@code correction_request}, the record fields
 * in KeyedRows' JSON form), and how far the change log was read ({@code correction_cursor}).
 */
public final class JdbcCorrectionStore implements CorrectionStore {
  private static final String COLUMNS = "request_id, request, decision";
  private final Database database;

  public JdbcCorrectionStore(Database database) {
    this.database = database;
  }

  @Override
  public void putRequest(String id, Map<String, String> fields) {
    upsert(List.of("request_id", "kind", "record_id", "filed_on", "due_on", "request"), s -> {
      s.setString(1, id);
      s.setString(2, fields.getOrDefault("kind", ""));
      s.setString(3, fields.getOrDefault("record_id", ""));
      s.setDate(4, date(fields.get("filed_on")));
      s.setDate(5, date(fields.get("due_on")));
      s.setString(6, KeyedRows.json(fields));
    }, "keep request " + id);
  }

  @Override
  public void putDecision(String id, Map<String, String> fields) {
    upsert(List.of("request_id", "kind", "record_id", "outcome", "decision"), s -> {
      s.setString(1, id);
      s.setString(2, fields.getOrDefault("kind", ""));
      s.setString(3, fields.getOrDefault("record_id", ""));
      s.setString(4, fields.getOrDefault("outcome", ""));
      s.setString(5, KeyedRows.json(fields));
    }, "keep the decision on request " + id);
  }

  private static Date date(String text) {
    return text == null || text.isEmpty() ? null : Date.valueOf(LocalDate.parse(text));
  }

  private void upsert(List<String> columns, Queries.Binder binder, String what) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(Upserts.sql(database.engine(), "correction_request", columns,
            false))) {
      binder.bind(s);
      s.executeUpdate();
    } catch (SQLException e) {
      throw Transactions.failure(what, e);
    }
  }

  @Override
  public Optional<CorrectionRequest> get(String id) {
    List<CorrectionRequest> found = select("SELECT " + COLUMNS + " FROM correction_request WHERE request_id = ?",
        s -> s.setString(1, id));
    return found.stream().findFirst();
  }

  @Override
  public List<CorrectionRequest> list(int limit) {
    return select("SELECT " + COLUMNS + " FROM correction_request ORDER BY filed_on DESC NULLS LAST, request_id DESC "
        + "LIMIT ?", s -> s.setInt(1, limit));
  }

  private List<CorrectionRequest> select(String sql, Queries.Binder binder) {
    return Queries.list(database, sql, binder,
        r -> new CorrectionRequest(r.getString(1), fields(r.getString(2)), fields(r.getString(3))),
        "read the requests");
  }

  private static Map<String, String> fields(String json) {
    return json == null ? Map.of() : KeyedRows.parse(json);
  }

  @Override
  public long cursor() {
    return ChangeLogCursor.read(database, "correction_cursor");
  }

  @Override
  public void cursor(long seq) {
    try (Connection c = database.dataSource().getConnection()) {
      ChangeLogCursor.move(c, database.engine(), "correction_cursor", seq);
    } catch (SQLException e) {
      throw Transactions.failure("move the corrections cursor", e);
    }
  }
}
