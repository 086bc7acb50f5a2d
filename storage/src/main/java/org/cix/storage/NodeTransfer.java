package org.cix.storage;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.cix.core.error.CixException;
import org.cix.crypto.hash.Hashes;
import org.cix.proto.v1.ExportFrame;
import org.cix.proto.v1.ExportHeader;
import org.cix.proto.v1.ExportRow;
import org.cix.proto.v1.ExportTable;
import org.cix.proto.v1.ExportTrailer;
import org.cix.proto.v1.ExportValue;

/**
 * Moves a node's data between databases of either engine through a file: every table, row by
 * row in key order, then counts and a digest over the record versions' hashes in change-log
 * order. Import only into an empty database, and checks the counts and digest of what it wrote
 * against the file's.
 */
public final class NodeTransfer {
  public static final String FORMAT = "cix-export-1";
  /** H2's JDBC isolation level SNAPSHOT ({@code org.h2.engine.Constants.TRANSACTION_SNAPSHOT}). */
  private static final int H2_SNAPSHOT = 6;
  /** The tables, each with the key it is read in order of. */
  private static final Map<String, String> TABLES = tables();

  private NodeTransfer() {}

  /** What a database holds, as export and import compare it. */
  public record Summary(Map<String, Long> rows, byte[] versionsSha256) {
    public boolean sameAs(Summary other) {
      return rows.equals(other.rows) && Arrays.equals(versionsSha256, other.versionsSha256);
    }
  }

  /** Told after each table. */
  public interface Progress {
    /** Rows a long table has so far, every {@value NodeTransfer#PROGRESS_EVERY} rows. */
    default void rows(String table, long soFar) {}

    void table(String name, long rows);
  }

  /** How often a table's rows so far are told. */
  static final int PROGRESS_EVERY = 100_000;

  /** The tables a transfer leaves behind on purpose (see {@link #tables()}). */
  static final Set<String> LEFT_BEHIND = Set.of("correction_cursor");

  /** The tables a transfer carries, in the order it writes them. */
  static Set<String> carried() {
    return TABLES.keySet();
  }

  private static Map<String, String> tables() {
    Map<String, String> tables = new LinkedHashMap<>();
    tables.put("seal", "seal_id");
    tables.put("origin_certificate", "cert_sha256");
    tables.put("record_version", "seq");
    tables.put("record_current", "record_id");
    tables.put("version_chain", "seq");
    tables.put("origin_tally", "origin_node, type_id");
    tables.put("origin_via_tally", "origin_node, via_node");
    tables.put("current_tally", "id");
    tables.put("quarantine", "id");
    tables.put("link_cursor", "peer_node");
    tables.put("exchange_ledger", "id");
    tables.put("link_totals", "peer_node, direction");
    tables.put("conflict", "id");
    tables.put("discipline_check", "id");
    tables.put("sharing_grant", "id");
    tables.put("feedback_outbox", "id");
    tables.put("audit_log", "seq");
    tables.put("audit_countersigned", "id");
    tables.put("adopted_measures", "position");
    // correction_cursor stays behind: it starts at 0 in the new database, which reads the
    // imported change log for correction records again (keeping each request again changes nothing)
    tables.put("correction_request", "request_id");
    tables.put("quality_issue", "id");
    tables.put("quality_received", "department");
    tables.put("quality_received_month", "department, made_in");
    tables.put("quality_cursor", "id");
    tables.put("account", "name");
    tables.put("submission", "id");
    tables.put("submission_reject", "submission_id, ordinal");
    return tables;
  }

  /** {@link #export} of a running node's database, for {@link org.cix.core.store.StoreBackup}. */
  static org.cix.core.store.StoreBackup.Copy backup(Database database, OutputStream out) {
    Summary summary = export(database, out, (table, rows) -> { });
    return new org.cix.core.store.StoreBackup.Copy(summary.rows(), summary.versionsSha256());
  }

  /**
   * Writes every table from one snapshot of the database, so the node may go on writing while it
   * is read: what it writes after the snapshot is not in the file, and the counts and digest
   * describe exactly what is.
   */
  public static Summary export(Database database, OutputStream out, Progress progress) {
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      // one snapshot of every table: H2's SNAPSHOT level (its REPEATABLE READ lets new rows in),
      // PostgreSQL's REPEATABLE READ (snapshot isolation)
      c.setTransactionIsolation(database.engine() == Database.Engine.H2 ? H2_SNAPSHOT
          : Connection.TRANSACTION_REPEATABLE_READ);
      frame(out, ExportFrame.newBuilder().setHeader(ExportHeader.newBuilder().setFormat(FORMAT)
          .setSchemaVersion(database.schemaVersion()).setExportedAtMillis(System.currentTimeMillis())
          .setSourceEngine(database.engine().name())).build());
      for (Map.Entry<String, String> table : TABLES.entrySet()) {
        long rows = exportTable(c, table.getKey(), table.getValue(), out, progress);
        progress.table(table.getKey(), rows);
      }
      Summary summary = summarize(c);
      frame(out, ExportFrame.newBuilder().setTrailer(ExportTrailer.newBuilder().putAllRows(summary.rows())
          .setVersionsSha256(ByteString.copyFrom(summary.versionsSha256()))).build());
      c.commit();
      return summary;
    } catch (SQLException e) {
      throw new CixException(CixException.Kind.UNAVAILABLE, "cannot export: " + e.getMessage(), e);
    }
  }

  private static long exportTable(Connection c, String table, String key, OutputStream out, Progress progress)
      throws SQLException {
    long rows = 0;
    try (Statement s = c.createStatement()) {
      s.setFetchSize(1000);
      try (ResultSet r = s.executeQuery("SELECT * FROM " + table + " ORDER BY " + key)) {
        ResultSetMetaData meta = r.getMetaData();
        ExportTable.Builder header = ExportTable.newBuilder().setName(table);
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          header.addColumns(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
        }
        frame(out, ExportFrame.newBuilder().setTable(header).build());
        while (r.next()) {
          ExportRow.Builder row = ExportRow.newBuilder();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.addValues(value(r, i, meta.getColumnType(i)));
          }
          frame(out, ExportFrame.newBuilder().setRow(row).build());
          if (++rows % PROGRESS_EVERY == 0) {
            progress.rows(table, rows);
          }
        }
      }
    }
    return rows;
  }

  private static ExportValue value(ResultSet r, int i, int type) throws SQLException {
    ExportValue.Builder value = ExportValue.newBuilder();
    switch (type) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
        long n = r.getLong(i);
        return r.wasNull() ? value.setNull(true).build() : value.setNumber(n).build();
      }
      case Types.BOOLEAN, Types.BIT -> {
        boolean b = r.getBoolean(i);
        return r.wasNull() ? value.setNull(true).build() : value.setNumber(b ? 1 : 0).build();
      }
      case Types.DATE -> {
        java.sql.Date date = r.getDate(i);
        return date == null ? value.setNull(true).build() : value.setText(date.toLocalDate().toString()).build();
      }
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
        byte[] data = r.getBytes(i);
        return data == null ? value.setNull(true).build() : value.setData(ByteString.copyFrom(data)).build();
      }
      default -> {
        String text = r.getString(i);
        return text == null ? value.setNull(true).build() : value.setText(text).build();
      }
    }
  }

  /** Imports a file written by {@link #export} into an empty database; checks what it wrote. */
  public static Summary importInto(Database database, InputStream in, Progress progress) {
    return TransferImport.into(database, in, progress);
  }

  /** Rows per table and the digest of the record versions' hashes in change-log order. */
  public static Summary summarize(Database database) {
    try (Connection c = database.dataSource().getConnection()) {
      return summarize(c);
    } catch (SQLException e) {
      throw new CixException(CixException.Kind.UNAVAILABLE, "cannot read the database: " + e.getMessage(), e);
    }
  }

  static Summary summarize(Connection c) throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    MessageDigest digest = Hashes.newSha256();
    try (Statement s = c.createStatement()) {
      for (String table : TABLES.keySet()) {
        try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
          r.next();
          rows.put(table, r.getLong(1));
        }
      }
      s.setFetchSize(10_000);
      try (ResultSet r = s.executeQuery("SELECT sha256 FROM record_version ORDER BY seq")) {
        while (r.next()) {
          digest.update(r.getBytes(1));
        }
      }
    }
    return new Summary(rows, digest.digest());
  }

  private static void frame(OutputStream out, ExportFrame frame) {
    try {
      frame.writeDelimitedTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
    }
  }


}
