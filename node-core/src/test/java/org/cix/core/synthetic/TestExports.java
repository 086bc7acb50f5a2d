package org.cix.core.synthetic;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cix.core.commitment.CommitmentBreaches;
import org.cix.core.ingest.IngestJob;
import org.cix.core.ingest.KeyedRows;
import org.cix.core.ingest.IngestProgress;
import org.cix.core.ingest.Mapping;
import org.cix.core.ingest.MappingLoader;
import org.cix.core.ingest.RowProblem;
import org.cix.core.ingest.RowSource;
import org.cix.core.ingest.SourceRow;
import java.util.Optional;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.node.NodeServices;
import org.cix.core.seal.Sealer;
import org.cix.core.sync.LoggedVersion;

/**
 * Ingests synthetic department exports into a test node, as `cix ingest` would, registering the
 * departments they name first (see {@link TestDepartments}).
 */
public final class TestExports {
  private TestExports() {}

  /** {@code rows} penalties (no defects) registered in {@code district}; returns the versions stored. */
  public static long penalties(NodeServices node, long seed, String district, int rows) {
    TestDepartments.district(node, district);
    return ingest(node, node.ingest(), PenaltyExports.mapping(StandardCharsets.UTF_8), penaltyExport(seed, district,
        rows), "penalties.csv");
  }

  /**
   * The same penalties stored as a node made them before it kept a department registry (no
   * registration, no check): for tests of what receivers do with records of another origin.
   */
  public static long penaltiesUnregistered(NodeServices node, long seed, String district, int rows) {
    return ingest(node, unregistered(node), PenaltyExports.mapping(StandardCharsets.UTF_8),
        penaltyExport(seed, district, rows), "penalties.csv");
  }

  /** Records given field by field as {@link #penaltiesUnregistered} stores penalties. */
  public static long keyedUnregistered(NodeServices node, String type, List<Map<String, String>> rows) {
    return ingest(node, unregistered(node), KeyedRows.mapping(node.catalog().type(type).orElseThrow()),
        KeyedRows.jsonLines(rows), type + ".jsonl");
  }

  /** The first version of {@code type} in {@code node}'s change log (registrations come before records). */
  public static LoggedVersion first(NodeServices node, String type) {
    return node.exchange().changesOfTypes(0, node.exchange().head(), List.of(type), 1).get(0);
  }

  private static IngestJob unregistered(NodeServices node) {
    return new IngestJob(node.catalog(), new NodeIdentity(node.keys().nodeId(),
        new Jurisdiction(node.keys().jurisdiction())), (type, fields) -> Optional.empty(),
        CommitmentBreaches.of(node.catalog(), node.store()), new Sealer(node.keys(), node.clock()), node.store(),
        node.ids(), node.clock(), NodeServices.INGEST_BATCH);
  }

  private static byte[] penaltyExport(long seed, String district, int rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new PenaltyExports(seed, district, 0).write(out, StandardCharsets.UTF_8, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** {@code rows} serious-dishonesty entries of {@code batch} listed in {@code district}. */
  public static long listings(NodeServices node, long seed, String district, int batch, int rows) {
    TestDepartments.district(node, district);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new DishonestyListings(seed, district).write(out, batch, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ingest(node, node.ingest(), DishonestyListings.mapping(), out.toByteArray(), "listings.csv");
  }

  /** Records of {@code type} given field by field (see {@link KeyedRows}). */
  public static long keyed(NodeServices node, String type, List<Map<String, String>> rows) {
    TestDepartments.named(node, type, rows);
    return ingest(node, node.ingest(), KeyedRows.mapping(node.catalog().type(type).orElseThrow()),
        KeyedRows.jsonLines(rows), type + ".jsonl");
  }

  private static long ingest(NodeServices node, IngestJob job, String mappingYaml, byte[] export, String name) {
    Mapping mapping = MappingLoader.parse(mappingYaml, "test mapping", node.catalog());
    try (RowSource source = RowSource.open(new ByteArrayInputStream(export), mapping, name)) {
      IngestProgress done = job.run(mapping, source, name, new IngestJob.Listener() {
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
