package org.cix.storage;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.cix.core.error.CixException;
import org.cix.proto.v1.ExportFrame;
import org.cix.proto.v1.ExportRow;
import org.cix.proto.v1.ExportTrailer;
import org.cix.proto.v1.ExportValue;

/** The import half of {@link NodeTransfer}: an export file written into an empty database, checked. */
final class TransferImport {
  private static final int COMMIT_EVERY = 10_000;
  private static final List<String> IDENTITY_TABLES = List.of("quarantine", "exchange_ledger", "conflict",
      "discipline_check", "sharing_grant", "feedback_outbox", "quality_issue", "audit_countersigned", "submission");

  private TransferImport() {}

  /** Imports a file written by {@link NodeTransfer#export} into an empty database; checks what it wrote. */
  static NodeTransfer.Summary into(Database database, InputStream in, NodeTransfer.Progress progress) {
    try (Connection c = database.dataSource().getConnection()) {
      NodeTransfer.Summary before = NodeTransfer.summarize(c);
      if (before.rows().values().stream().anyMatch(n -> n > 0)) {
        throw CixException.preconditionFailed("the target database is not empty (" + before.rows()
            + "); import only into a new one");
      }
      ExportFrame first = read(in);
      if (first == null || !first.hasHeader() || !first.getHeader().getFormat().equals(NodeTransfer.FORMAT)) {
        throw CixException.invalidInput("not a cix export (expected a " + NodeTransfer.FORMAT + " header)");
      }
      if (!first.getHeader().getSchemaVersion().equals(database.schemaVersion())) {
        throw CixException.invalidInput("the export has schema version " + first.getHeader().getSchemaVersion()
            + ", this database " + database.schemaVersion() + "; use the same cix version on both sides");
      }
      c.setAutoCommit(false);
      ExportTrailer trailer = importFrames(c, in, progress, database.partitions());
      c.commit();
      restartIdentities(c, database.engine());
      NodeTransfer.Summary written = NodeTransfer.summarize(c);
      NodeTransfer.Summary expected = new NodeTransfer.Summary(new LinkedHashMap<>(trailer.getRowsMap()), trailer.getVersionsSha256().toByteArray());
      if (!written.sameAs(expected)) {
        throw new CixException(CixException.Kind.UNAVAILABLE, "the import does not match the export: wrote "
            + written.rows() + ", the export has " + expected.rows() + " (and the version digests "
            + (Arrays.equals(written.versionsSha256(), expected.versionsSha256()) ? "agree)" : "differ)"));
      }
      return written;
    } catch (SQLException e) {
      throw new CixException(CixException.Kind.UNAVAILABLE, "cannot import: " + e.getMessage(), e);
    }
  }

  private static ExportTrailer importFrames(Connection c, InputStream in, NodeTransfer.Progress progress,
      VersionPartitions partitions) throws SQLException {
    PreparedStatement insert = null;
    String table = null;
    int[] types = new int[0];
    // the change-log position of a record version: its partition is made before it is written
    int seqColumn = -1;
    long rows = 0;
    try {
      while (true) {
        ExportFrame frame = read(in);
        if (frame == null) {
          throw CixException.invalidInput("the export ends without its trailer (truncated?)");
        }
        if (frame.hasTable() || frame.hasTrailer()) {
          if (insert != null) {
            insert.executeBatch();
            insert.close();
            c.commit();
            progress.table(table, rows);
            insert = null;
          }
          if (frame.hasTrailer()) {
            return frame.getTrailer();
          }
          table = frame.getTable().getName();
          if (!NodeTransfer.carried().contains(table)) {
            throw CixException.invalidInput("unknown table '" + table + "' in the export");
          }
          List<String> columns = frame.getTable().getColumnsList();
          types = columnTypes(c, table, columns);
          seqColumn = table.equals("record_version") ? columns.indexOf("seq") : -1;
          insert = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
              + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")");
          rows = 0;
        } else if (frame.hasRow()) {
          if (insert == null || frame.getRow().getValuesCount() != types.length) {
            throw CixException.invalidInput("a row outside a table, or with the wrong number of values");
          }
          if (seqColumn >= 0) {
            partitions.cover(frame.getRow().getValues(seqColumn).getNumber());
          }
          bind(insert, frame.getRow(), types);
          insert.addBatch();
          if (++rows % COMMIT_EVERY == 0) {
            insert.executeBatch();
            c.commit();
          }
          if (rows % NodeTransfer.PROGRESS_EVERY == 0) {
            progress.rows(table, rows);
          }
        } else {
          throw CixException.invalidInput("unexpected " + frame.getFrameCase() + " in the export");
        }
      }
    } finally {
      if (insert != null) {
        insert.close();
      }
    }
  }

  private static int[] columnTypes(Connection c, String table, List<String> columns) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE 1 = 0")) {
      int[] types = new int[columns.size()];
      for (int i = 0; i < types.length; i++) {
        types[i] = r.getMetaData().getColumnType(i + 1);
      }
      return types;
    }
  }

  private static void bind(PreparedStatement insert, ExportRow row, int[] types) throws SQLException {
    for (int i = 0; i < types.length; i++) {
      ExportValue value = row.getValues(i);
      switch (value.getValueCase()) {
        case NUMBER -> {
          if (types[i] == Types.BOOLEAN || types[i] == Types.BIT) {
            insert.setBoolean(i + 1, value.getNumber() != 0);
          } else if (types[i] == Types.INTEGER || types[i] == Types.SMALLINT) {
            insert.setInt(i + 1, Math.toIntExact(value.getNumber()));
          } else {
            insert.setLong(i + 1, value.getNumber());
          }
        }
        case TEXT -> {
          if (types[i] == Types.DATE) {
            insert.setDate(i + 1, java.sql.Date.valueOf(value.getText()));
          } else {
            insert.setString(i + 1, value.getText());
          }
        }
        case DATA -> insert.setBytes(i + 1, value.getData().toByteArray());
        default -> insert.setNull(i + 1, types[i]);
      }
    }
  }

  /** Identity columns continue after the imported ids; PostgreSQL learns what the tables hold. */
  private static void restartIdentities(Connection c, Database.Engine engine) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      for (String table : IDENTITY_TABLES) {
        long next;
        try (ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table)) {
          r.next();
          next = r.getLong(1);
        }
        s.execute(engine == Database.Engine.H2 ? "ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + next
            : "SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), " + next + ", false)");
      }
      if (engine == Database.Engine.POSTGRES) {
        // statistics for the planner now, not a minute later; autovacuum never analyses a partitioned table
        s.execute("ANALYZE");
      }
    }
  }

  private static ExportFrame read(InputStream in) {
    try {
      return ExportFrame.parseDelimitedFrom(in);
    } catch (IOException e) {
      throw CixException.invalidInput("the export is unreadable: " + e.getMessage());
    }
  }
}
