package org.cix.core.discipline;

import org.cix.core.authority.DepartmentCheck;
import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.CatalogLoader;
import org.cix.core.catalog.CatalogSource;
import org.cix.core.ingest.BatchLimit;
import org.cix.core.ingest.IngestJob;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.seal.Sealer;
import org.cix.core.store.InMemoryRecordStore;
import org.cix.core.subject.PilotAllowlist;
import org.cix.core.subject.SubjectIds;
import org.cix.crypto.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feedback leaves the outbox only once stored, and publishing it again after a crash changes nothing. */
class FeedbackPublisherTest {
  private static final DepartmentCheck EVERY_DEPARTMENT = (type, fields) -> java.util.Optional.empty();

  static final Fault CRASH_FEEDBACK = new Fault(
      "a crash between publishing feedback records and emptying the outbox",
      "published again, found unchanged: no loss, no duplicate");
  private static final Catalog CATALOG = CatalogLoader.load(CatalogSource.standard());
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T02:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  /** An outbox in a list; {@code failNextPublished} makes the next acknowledgement fail, as a crash would. */
  private static final class Outbox implements CheckLog {
    final List<PendingFeedback> rows = new ArrayList<>();
    boolean failNextPublished;

    @Override
    public void append(CheckEntry entry, List<Map<String, String>> feedback) {
      feedback.forEach(row -> rows.add(new PendingFeedback(rows.size() + 1, row)));
    }

    @Override
    public List<CheckEntry> recent(int limit) {
      return List.of();
    }

    @Override
    public List<PendingFeedback> pendingFeedback(int limit) {
      return List.copyOf(rows);
    }

    @Override
    public void feedbackPublished(long id) {
      if (failNextPublished) {
        failNextPublished = false;
        throw new IllegalStateException("crashed before the outbox was emptied");
      }
      rows.removeIf(r -> r.id() <= id);
    }
  }

  private static Map<String, String> row(String feedbackId) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("subject_id", "9144030071526726XG");
    row.put("feedback_id", feedbackId);
    row.put("record_id", "0".repeat(32));
    row.put("record_type", "serious-dishonesty");
    row.put("origin_node", "bj-chaoyang");
    row.put("origin_jurisdiction", "110105");
    row.put("measures", "sd-procurement-ban");
    row.put("action", "public-procurement.bid");
    row.put("decision", "RESTRICT");
    row.put("applied_by", "财政局");
    row.put("purpose", "投标资格审查");
    row.put("check_date", "2026-11-27");
    row.put("checking_node", "sh-huangpu");
    return row;
  }

  @Test
  void publish_storesEachRowOnce_evenWhenTheOutboxWasNotEmptiedBeforeACrash() {
    CRASH_FEEDBACK.inflicted();
    InMemoryRecordStore store = new InMemoryRecordStore();
    IngestJob ingest = new IngestJob(CATALOG, new NodeIdentity("sh-huangpu", Jurisdiction.parse("310101")),
        EVERY_DEPARTMENT, List.of(), new Sealer(TestPki.create(dir).node("sh-huangpu", "310101"), CLOCK), store,
        new SubjectIds(CLOCK, PilotAllowlist.empty()), CLOCK, BatchLimit.rows(100));
    Outbox outbox = new Outbox();
    FeedbackPublisher publisher = new FeedbackPublisher(CATALOG, outbox, ingest);
    outbox.append(null, List.of(row("f-1"), row("f-2")));

    outbox.failNextPublished = true;
    assertThatThrownBy(publisher::publish).hasMessageContaining("crashed");
    assertThat(store.versions).hasSize(2);
    assertThat(outbox.rows).hasSize(2);

    assertThat(publisher.publish()).as("found unchanged").isZero();
    assertThat(store.versions).hasSize(2);
    assertThat(outbox.rows).isEmpty();
    assertThat(store.versions.get(0).version().body().getType()).isEqualTo("measure-feedback");
    assertThat(publisher.publish()).isZero();
  }
}
