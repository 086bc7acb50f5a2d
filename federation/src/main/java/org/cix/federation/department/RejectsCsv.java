package org.cix.federation.department;

import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cix.proto.v1.RowReject;

/**
 * Refused rows as CSV, the one layout of the CLI's reject report and the console's download:
 * UTF-8 with a byte-order mark (so spreadsheet programs show the Chinese), a header line, one row
 * per refusal with its row number, where, field, reason code and message.
 */
public final class RejectsCsv {
  private RejectsCsv() {}

  /** Writes the byte-order mark and the header to {@code out}. */
  public static CSVPrinter open(Writer out) throws IOException {
    out.write('\uFEFF');
    return new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("row", "where", "field", "reason", "message")
        .get());
  }

  public static void print(CSVPrinter csv, RowReject reject) throws IOException {
    csv.printRecord(reject.getRow(), reject.getWhere(), reject.getField(), reject.getCode(), reject.getMessage());
  }
}
