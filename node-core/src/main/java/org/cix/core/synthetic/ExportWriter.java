package org.cix.core.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.util.List;

/** Writes a department-style CSV export: a header line, then rows, CRLF line ends, RFC 4180 quoting. */
final class ExportWriter {
  private final BufferedWriter writer;

  ExportWriter(OutputStream out, Charset encoding, List<String> columns) throws IOException {
    this.writer = new BufferedWriter(new OutputStreamWriter(out, encoding), 1 << 16);
    row(columns.toArray(String[]::new));
  }

  void row(String[] values) throws IOException {
    for (int c = 0; c < values.length; c++) {
      if (c > 0) {
        writer.write(',');
      }
      String value = values[c];
      boolean plain = value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
          && value.indexOf('\r') < 0;
      writer.write(plain ? value : '"' + value.replace("\"", "\"\"") + '"');
    }
    writer.write("\r\n");
  }

  void flush() throws IOException {
    writer.flush();
  }
}
