package org.cix.cli.command;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cix.crypto.pem.PrivateFiles;
import org.apache.commons.csv.CSVPrinter;
import org.cix.federation.department.RejectsCsv;
import org.cix.proto.v1.RowReject;

/**
 * The reject report of an ingest, written as rejects arrive: PREFIX.rejects.csv (UTF-8 with a
 * byte-order mark, so spreadsheet programs show the Chinese) and PREFIX.rejects.json, both owner-only.
 * The files are made at the first reject: an ingest without rejects leaves none (and removes those
 * an earlier ingest of the same file left).
 */
public final class RejectReport implements AutoCloseable {
  private final Path csvPath;
  private final Path jsonPath;
  private CSVPrinter csv;
  private JsonWriter json;

  private RejectReport(Path csvPath, Path jsonPath) {
    this.csvPath = csvPath;
    this.jsonPath = jsonPath;
  }

  public static RejectReport open(Path prefix) throws IOException {
    Path csvPath = Path.of(prefix + ".rejects.csv");
    Path jsonPath = Path.of(prefix + ".rejects.json");
    Files.deleteIfExists(csvPath);
    Files.deleteIfExists(jsonPath);
    return new RejectReport(csvPath, jsonPath);
  }

  private void create() throws IOException {
    PrivateFiles.createFile(csvPath);
    PrivateFiles.createFile(jsonPath);
    csv = RejectsCsv.open(Files.newBufferedWriter(csvPath, StandardCharsets.UTF_8));
    json = new JsonWriter(Files.newBufferedWriter(jsonPath, StandardCharsets.UTF_8));
    json.setIndent("  ");
    json.beginArray();
  }

  public void add(RowReject reject) {
    try {
      if (csv == null) {
        create();
      }
      RejectsCsv.print(csv, reject);
      json.beginObject()
          .name("row").value(reject.getRow())
          .name("where").value(reject.getWhere())
          .name("field").value(reject.getField())
          .name("reason").value(reject.getCode())
          .name("message").value(reject.getMessage())
          .endObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reject report: " + e.getMessage(), e);
    }
  }

  public Path csv() {
    return csvPath;
  }

  public Path json() {
    return jsonPath;
  }

  @Override
  public void close() throws IOException {
    if (csv == null) {
      return;
    }
    csv.close();
    json.endArray();
    json.close();
  }
}
