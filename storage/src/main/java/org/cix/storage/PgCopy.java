package org.cix.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Rows for PostgreSQL's binary {@code COPY ... FROM STDIN}, built in memory: a signature, then
 * per row a field count and length-prefixed fields (big-endian integers, bytes as they are, text
 * in UTF-8, -1 for NULL).
 */
public final class PgCopy {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
  private final ByteArrayOutputStream buffer;
  private final DataOutputStream out;

  public PgCopy(int sizeHint) {
    buffer = new ByteArrayOutputStream(sizeHint + 64);
    out = new DataOutputStream(buffer);
    write(() -> {
      out.write(SIGNATURE);
      out.writeInt(0);
      out.writeInt(0);
    });
  }

  public PgCopy row(int fields) {
    write(() -> out.writeShort(fields));
    return this;
  }

  public PgCopy bigint(Long value) {
    write(() -> {
      if (value == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(8);
        out.writeLong(value);
      }
    });
    return this;
  }

  public PgCopy integer(int value) {
    write(() -> {
      out.writeInt(4);
      out.writeInt(value);
    });
    return this;
  }

  /** A bytea value; null for SQL NULL. */
  public PgCopy bytes(byte[] value) {
    if (value == null) {
      return nul();
    }
    write(() -> {
      out.writeInt(value.length);
      out.write(value);
    });
    return this;
  }

  public PgCopy text(String value) {
    return value == null ? nul() : bytes(value.getBytes(StandardCharsets.UTF_8));
  }

  private PgCopy nul() {
    write(() -> out.writeInt(-1));
    return this;
  }

  /** The complete COPY data (the rows and the end marker); nothing can be added after. */
  public byte[] finish() {
    write(() -> out.writeShort(-1));
    return buffer.toByteArray();
  }

  /** Sends the rows to {@code table (columns)} in one COPY, within the connection's transaction. */
  public void into(Connection c, String tableAndColumns) throws SQLException {
    send(c, tableAndColumns, finish());
  }

  /** Sends COPY data made by {@link #finish} to {@code table (columns)}. */
  public static void send(Connection c, String tableAndColumns, byte[] data) throws SQLException {
    try {
      new CopyManager(c.unwrap(BaseConnection.class)).copyIn("COPY " + tableAndColumns + " FROM STDIN (FORMAT binary)",
          new ByteArrayInputStream(data));
    } catch (IOException e) {
      throw new SQLException("COPY into " + tableAndColumns + " failed: " + e.getMessage(), e);
    }
  }

  private interface Write {
    void run() throws IOException;
  }

  private void write(Write write) {
    try {
      write.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
