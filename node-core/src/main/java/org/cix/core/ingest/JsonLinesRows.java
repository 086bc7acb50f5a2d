package org.cix.core.ingest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.cix.core.error.CixException;

/** JSON Lines: one JSON object a line, values strings, numbers, booleans or null. */
final class JsonLinesRows implements RowSource {
  private final String name;
  private final Charset charset;
  private final BufferedReader reader;
  private long line;
  private long number;
  private String pending;

  JsonLinesRows(Reader reader, String name, Charset charset) {
    this.reader = new BufferedReader(reader);
    this.name = name;
    this.charset = charset;
  }

  @Override
  public List<String> columns() {
    return List.of();
  }

  @Override
  public boolean hasNext() {
    while (pending == null) {
      String text;
      try {
        text = reader.readLine();
      } catch (CharacterCodingException e) {
        throw RowSource.badEncoding(name, charset, line + 1);
      } catch (RowLengthGuard.RowTooLongException e) {
        throw CixException.invalidInput(name + " line " + (line + 1) + ": " + e.getMessage());
      } catch (IOException e) {
        throw CixException.invalidInput(name + " line " + (line + 1) + ": " + e.getMessage());
      }
      if (text == null) {
        return false;
      }
      line++;
      if (!text.isBlank()) {
        pending = line == 1 ? text.replace("\uFEFF", "") : text;
      }
    }
    return true;
  }

  @Override
  public SourceRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    String text = pending;
    pending = null;
    number++;
    String where = "row " + number + " (line " + line + ")";
    JsonElement element;
    try {
      element = JsonParser.parseString(text);
    } catch (JsonParseException e) {
      return new SourceRow(number, where, Map.of(), Optional.of("not valid JSON"));
    }
    if (!(element instanceof JsonObject object)) {
      return new SourceRow(number, where, Map.of(), Optional.of("not a JSON object"));
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
      JsonElement value = entry.getValue();
      if (value.isJsonNull()) {
        values.put(entry.getKey(), "");
      } else if (value.isJsonPrimitive()) {
        values.put(entry.getKey(), value.getAsString());
      } else {
        return new SourceRow(number, where, Map.of(), Optional.of("key '" + entry.getKey() + "' is not a plain value"));
      }
    }
    return new SourceRow(number, where, values, Optional.empty());
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
