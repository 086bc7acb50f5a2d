package org.cix.core.synthetic;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cix.core.ingest.IngestJob;
import org.cix.core.ingest.KeyedRows;
import org.cix.core.ingest.IngestProgress;
import org.cix.core.ingest.Mapping;
import org.cix.core.ingest.MappingLoader;
import org.cix.core.ingest.RowProblem;
import org.cix.core.ingest.RowSource;
import org.cix.core.ingest.SourceRow;
import org.cix.core.node.NodeServices;

/** Ingests synthetic department exports into a test node, as `cix ingest` would. */
public final class TestExports {
  private TestExports() {}

  /** {@code rows} penalties (no defects) registered in {@code district}; returns the versions stored. */
  public static long penalties(NodeServices node, long seed, String district, int rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new PenaltyExports(seed, district, 0).write(out, StandardCharsets.UTF_8, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ingest(node, PenaltyExports.mapping(StandardCharsets.UTF_8), out.toByteArray(), "penalties.csv");
  }

  /** {@code rows} serious-dishonesty entries of {@code batch} listed in {@code district}. */
  public static long listings(NodeServices node, long seed, String district, int batch, int rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new DishonestyListings(seed, district).write(out, batch, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ingest(node, DishonestyListings.mapping(), out.toByteArray(), "listings.csv");
  }

  /** Records of {@code type} given field by field (see {@link KeyedRows}). */
  public static long keyed(NodeServices node, String type, List<Map<String, String>> rows) {
    return ingest(node, KeyedRows.mapping(node.catalog().type(type).orElseThrow()), KeyedRows.jsonLines(rows),
        type + ".jsonl");
  }

  private static long ingest(NodeServices node, String mappingYaml, byte[] export, String name) {
    Mapping mapping = MappingLoader.parse(mappingYaml, "test mapping", node.catalog());
    try (RowSource source = RowSource.open(new ByteArrayInputStream(export), mapping, name)) {
      IngestProgress done = node.ingest().run(mapping, source, name, new IngestJob.Listener() {
        @Override
        public void rejected(SourceRow row, List<RowProblem> problems) {
          throw new AssertionError("row " + row.number() + " rejected: " + problems);
        }

        @Override
        public void progress(IngestProgress progress) {}
      });
      return done.created() + done.updated();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
