package org.cix.core.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cix.core.error.CixException;

/** CSV rows (RFC 4180, header in the first line) through Apache Commons CSV. */
final class CsvRows implements RowSource {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
      .setHeader()
      .setSkipHeaderRecord(true)
      .setIgnoreEmptyLines(true)
      .setAllowMissingColumnNames(false)
      .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW)
      .get();

  private final String name;
  private final Charset charset;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> columns;
  private long number;

  CsvRows(Reader reader, String name, Charset charset) throws IOException {
    this.name = name;
    this.charset = charset;
    try {
      this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
    } catch (CharacterCodingException e) {
      throw RowSource.badEncoding(name, charset, 1);
    } catch (IllegalArgumentException e) {
      throw CixException.invalidInput(name + ": bad header: " + e.getMessage());
    } catch (RowLengthGuard.RowTooLongException e) {
      throw CixException.invalidInput(name + " line 1: " + e.getMessage());
    }
    List<String> names = new ArrayList<>(parser.getHeaderNames());
    if (names.isEmpty()) {
      throw CixException.invalidInput(name + ": empty file (no header line)");
    }
    names.set(0, names.get(0).replace("\uFEFF", ""));
    this.columns = List.copyOf(names);
    this.records = parser.iterator();
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public boolean hasNext() {
    try {
      return records.hasNext();
    } catch (UncheckedIOException e) {
      throw fatal(e.getCause());
    } catch (IllegalStateException e) {
      throw fatal(e.getCause() instanceof IOException io ? io : new IOException(e.getMessage()));
    }
  }

  @Override
  public SourceRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CSVRecord record;
    try {
      record = records.next();
    } catch (UncheckedIOException e) {
      throw fatal(e.getCause());
    }
    number++;
    String where = "row " + number + " (line " + parser.getCurrentLineNumber() + ")";
    if (record.size() != columns.size()) {
      return new SourceRow(number, where, Map.of(), Optional.of(
          "has " + record.size() + " columns, the header " + columns.size()));
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      values.put(columns.get(i), record.get(i));
    }
    return new SourceRow(number, where, values, Optional.empty());
  }

  private CixException fatal(Throwable cause) {
    long line = parser.getCurrentLineNumber();
    if (cause instanceof CharacterCodingException) {
      return RowSource.badEncoding(name, charset, line + 1);
    }
    if (cause instanceof RowLengthGuard.RowTooLongException) {
      return CixException.invalidInput(name + " line " + (line + 1) + ": " + cause.getMessage()
          + " (no department row is this long; is the file CSV?)");
    }
    String message = cause == null ? "unreadable" : cause.getMessage();
    if (message != null && message.contains("EOF reached before encapsulated token finished")) {
      return CixException.invalidInput(name + " line " + line + ": a quoted field is never closed (unclosed \")");
    }
    return CixException.invalidInput(name + " line " + line + ": " + message);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
