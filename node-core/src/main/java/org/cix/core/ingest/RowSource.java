package org.cix.core.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Iterator;
import java.util.List;
import org.cix.core.error.CixException;

/**
 * The rows of a department export. Row problems (a wrong column count, a line that is not a JSON
 * object) come back as rows with a problem; a file that cannot be read on (invalid encoding, an
 * unclosed quote, a row beyond the size limit) ends the iteration with a {@link CixException}.
 */
public interface RowSource extends Iterator<SourceRow>, Closeable {
  /** No department row is this long; anything longer is refused before it fills memory. */
  int MAX_ROW_CHARS = 1 << 20;

  /** The source's column names (CSV header; for JSON Lines, empty: keys vary per line). */
  List<String> columns();

  static RowSource open(InputStream in, Mapping mapping, String name) throws IOException {
    Reader reader = new RowLengthGuard(decoder(in, mapping.encoding()), MAX_ROW_CHARS);
    return switch (mapping.format()) {
      case CSV -> new CsvRows(reader, name, mapping.encoding());
      case JSONL -> new JsonLinesRows(reader, name, mapping.encoding());
    };
  }

  private static Reader decoder(InputStream in, Charset charset) {
    return new InputStreamReader(in, charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  /** The message for bytes that are not in the declared encoding. */
  static CixException badEncoding(String name, Charset charset, long line) {
    String hint = charset.name().equalsIgnoreCase("UTF-8")
        ? "; department exports are often GBK: set 'encoding: GBK' in the mapping"
        : "; check the file's encoding and the mapping's 'encoding'";
    return CixException.invalidInput(name + " line " + line + ": not valid " + charset.name() + hint);
  }
}
