package org.cix.core.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cix.core.authority.DepartmentCheck;
import org.cix.core.authority.DepartmentJurisdiction;
import org.cix.core.authority.SubmittingDepartment;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.RecordType;
import org.cix.core.error.CixException;
import org.cix.core.node.Jurisdiction;
import org.cix.core.node.NodeIdentity;
import org.cix.core.record.ChinaDate;
import org.cix.core.seal.Sealer;
import org.cix.core.store.Quarantined;
import org.cix.core.store.RecordStore;
import org.cix.core.subject.SubjectIds;

/**
 * Ingests one department export: every row standardised against the catalog, accepted rows
 * turned into record versions (a new record, a new version of a changed one, or nothing for an
 * unchanged one), sealed and stored in batches; every refused row kept with its reasons.
 *
 * <p>Each batch is one transaction in the store: a crash leaves whole batches or nothing, and
 * running the same file again completes it without duplicates.
 */
public final class IngestJob {
  /** The reason code of a row about a record another node made. */
  public static final String OTHER_ORIGIN = "other_origin";
  /** Told about each refused row and the progress after each batch. */
  public interface Listener {
    void rejected(SourceRow row, List<RowProblem> problems);

    void progress(IngestProgress progress);
  }

  private final Catalog catalog;
  private final RecordMaker maker;
  private final Sealer sealer;
  private final RecordStore store;
  private final SubjectIds ids;
  private final Clock clock;
  private final BatchLimit batchLimit;
  private final Jurisdiction origin;
  private final DepartmentCheck registered;
  private final Map<String, List<TypeRule>> rules;

  /**
   * {@code registered}: the departments this node may record decisions of (its registry);
   * {@code rules}: the rules of record types' own, checked last.
   */
  public IngestJob(Catalog catalog, NodeIdentity origin, DepartmentCheck registered, List<TypeRule> rules,
      Sealer sealer, RecordStore store, SubjectIds ids, Clock clock, BatchLimit batchLimit) {
    this.registered = registered;
    this.rules = rules.stream().collect(Collectors.groupingBy(TypeRule::type));
    this.catalog = catalog;
    this.maker = new RecordMaker(catalog, origin, ids);
    this.origin = origin.jurisdiction();
    this.sealer = sealer;
    this.store = store;
    this.ids = ids;
    this.clock = clock;
    this.batchLimit = batchLimit;
  }

  /** A row standardised and identified, for the storing stage. */
  record Accepted(SourceRow row, Standardised standardised, String recordId, byte[] contentHash) {}

  /** Rows read so far, handed from the reading thread to the storing one. */
  record Batch(List<Accepted> accepted, List<Quarantined> refused, long rowsSoFar, long rejectedSoFar,
      boolean last) {}

  /**
   * Runs the ingest in two stages on two threads: this thread reads, standardises and identifies
   * rows; a second one turns them into sealed versions and stores them, batch by batch, so that
   * reading and storing overlap. At most two batches wait between the stages.
   */
  public IngestProgress run(Mapping mapping, RowSource rows, String source, Listener listener) {
    return run(mapping, rows, source, listener, java.util.Optional.empty());
  }

  /**
   * The same, for a department's own submission when {@code submitting} names it (USCC): rows
   * naming another department are refused ({@link SubmittingDepartment}), and every refused row
   * is the submitting department's in the quality queue, whatever department the row names.
   */
  public IngestProgress run(Mapping mapping, RowSource rows, String source, Listener listener,
      java.util.Optional<String> submitting) {
    DepartmentCheck submitter = submitting.map(SubmittingDepartment::only)
        .orElse((recordType, fields) -> java.util.Optional.empty());
    RecordType type = catalog.type(mapping.type()).orElseThrow(
        () -> CixException.invalidInput("unknown record type '" + mapping.type() + "'"));
    requireColumns(mapping, rows, source);
    RowStandardiser standardiser = new RowStandardiser(type, mapping, ids);
    IngestStorer storer = new IngestStorer(maker, sealer, store, clock, type, source, listener, submitting);
    Thread thread = new Thread(storer, "cix-ingest-store");
    thread.setDaemon(true);
    thread.start();
    long count = 0;
    long rejected = 0;
    List<Accepted> accepted = new ArrayList<>();
    List<Quarantined> refused = new ArrayList<>();
    long chars = 0;
    try {
      while (rows.hasNext()) {
        SourceRow row = rows.next();
        count++;
        chars += BatchLimit.chars(row);
        Standardised standardised = departments(type, standardiser.standardise(row), submitter);
        if (standardised.accepted()) {
          accepted.add(new Accepted(row, standardised, RecordMaker.recordId(type, standardised),
              RecordMaker.contentHash(type, standardised.fields())));
        } else {
          rejected++;
          listener.rejected(row, standardised.problems());
          RowProblem first = standardised.firstProblem().orElseThrow();
          refused.add(quarantined(source, row, standardised.fields(), first.code(), submitting,
              describe(standardised.problems())));
        }
        if (batchLimit.reached(accepted.size() + refused.size(), chars)) {
          storer.hand(new Batch(accepted, refused, count, rejected, false));
          accepted = new ArrayList<>();
          refused = new ArrayList<>();
          chars = 0;
        }
      }
      storer.hand(new Batch(accepted, refused, count, rejected, true));
    } catch (RuntimeException e) {
      storer.stop();
      join(thread);
      throw e;
    }
    join(thread);
    return storer.result();
  }

  /**
   * {@code standardised}, refused when it names a department this node may not speak for, or one
   * it did not register (for this type).
   */
  private Standardised departments(RecordType type, Standardised standardised, DepartmentCheck submitter) {
    if (!standardised.accepted()) {
      return standardised;
    }
    return PublicityWindow.check(type, standardised.fields(), ChinaDate.today(clock))
        .or(() -> RowRequirements.check(type, standardised.fields()))
        .or(() -> IdentityRules.check(type, standardised.fields(), standardised.subjectKind(), ids))
        .or(() -> MinorsRule.check(type, standardised.fields(), standardised.subjectId(), standardised.subjectKind()))
        .or(() -> OtherIdentifiers.check(type, standardised.fields(), standardised.subjectId(),
            standardised.subjectKind()))
        .or(() -> DepartmentJurisdiction.check(type, standardised.fields(), origin))
        .or(() -> submitter.ofOwn(type, standardised.fields()))
        .or(() -> registered.ofOwn(type, standardised.fields()))
        .or(() -> rules.getOrDefault(type.id(), List.of()).stream()
            .flatMap(rule -> rule.check(standardised.fields()).stream()).findFirst())
        .map(problem -> new Standardised(standardised.fields(), standardised.subjectId(), standardised.subjectKind(),
            List.of(problem), standardised.warnings()))
        .orElse(standardised);
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CixException.invalidInput("ingest interrupted");
    }
  }

  /** A refused row, the source department's issue (the submitting department's, for a submission). */
  static Quarantined quarantined(String source, SourceRow row, Map<String, String> fields, String code,
      java.util.Optional<String> submitting, String detail) {
    String department = submitting.orElse(fields.getOrDefault("source_unit_uscc", ""));
    String name = department.equals(fields.getOrDefault("source_unit_uscc", "")) ? fields.getOrDefault("source_unit", "")
        : "";
    return new Quarantined("ingest:" + source, row.where(), code, detail,
        row.values().toString().getBytes(StandardCharsets.UTF_8), department, name);
  }

  private static void requireColumns(Mapping mapping, RowSource rows, String source) {
    if (rows.columns().isEmpty()) {
      return;
    }
    Set<String> missing = new LinkedHashSet<>(mapping.columns().values());
    missing.removeAll(rows.columns());
    if (!missing.isEmpty()) {
      throw CixException.invalidInput(source + ": the mapping names columns the file does not have: "
          + String.join(", ", missing) + " (the file has: " + String.join(", ", rows.columns()) + ")");
    }
  }

  private static String describe(List<RowProblem> problems) {
    List<String> parts = new ArrayList<>();
    for (RowProblem problem : problems) {
      parts.add((problem.field().isEmpty() ? "" : problem.field() + ": ") + problem.message());
    }
    return String.join("; ", parts);
  }
}
