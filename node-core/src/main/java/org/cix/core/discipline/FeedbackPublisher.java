package org.cix.core.discipline;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.Catalog;
import org.cix.core.ingest.IngestJob;
import org.cix.core.ingest.IngestProgress;
import org.cix.core.ingest.KeyedRows;
import org.cix.core.ingest.Mapping;
import org.cix.core.ingest.MappingLoader;
import org.cix.core.ingest.RowProblem;
import org.cix.core.ingest.RowSource;
import org.cix.core.ingest.SourceRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the feedback rows of applied measures into sealed {@code measure-feedback} records, which
 * go up and to the origin of the record applied ("initiate, respond, feedback"). Rows leave the
 * outbox only once stored; publishing a row twice (after a crash in between) finds it unchanged.
 */
public final class FeedbackPublisher {
  public static final String TYPE = "measure-feedback";
  private static final Logger log = LoggerFactory.getLogger(FeedbackPublisher.class);
  private static final int BATCH = 10_000;

  private final Optional<Mapping> mapping;
  private final CheckLog checks;
  private final IngestJob ingest;

  /** With a catalog that has no {@value #TYPE} type, feedback stays in the outbox. */
  public FeedbackPublisher(Catalog catalog, CheckLog checks, IngestJob ingest) {
    this.mapping = catalog.type(TYPE).map(type -> MappingLoader.parse(KeyedRows.mapping(type), TYPE + " mapping",
        catalog));
    this.checks = checks;
    this.ingest = ingest;
  }

  /** Publishes what is waiting; returns the number of records made. */
  public synchronized long publish() {
    if (mapping.isEmpty()) {
      return 0;
    }
    List<PendingFeedback> pending = checks.pendingFeedback(BATCH);
    if (pending.isEmpty()) {
      return 0;
    }
    Mapping mapping = this.mapping.get();
    List<Map<String, String>> rows = pending.stream().map(PendingFeedback::row).toList();
    IngestProgress done;
    try (RowSource source = RowSource.open(new ByteArrayInputStream(KeyedRows.jsonLines(rows)), mapping, TYPE)) {
      done = ingest.run(mapping, source, TYPE, new IngestJob.Listener() {
        @Override
        public void rejected(SourceRow row, List<RowProblem> problems) {
          log.warn("feedback row {} refused, dropped: {}", row.number(), problems);
        }

        @Override
        public void progress(IngestProgress progress) {}
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    checks.feedbackPublished(pending.get(pending.size() - 1).id());
    return done.created();
  }
}
