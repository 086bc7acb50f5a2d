package org.cix.core.commitment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.RecordType;
import org.cix.core.ingest.RecordMaker;
import org.cix.core.ingest.RowProblem;
import org.cix.core.ingest.TypeRule;
import org.cix.core.record.RecordFields;
import org.cix.core.store.RecordStore;
import org.cix.core.store.StoredVersion;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.RecordStatus;

/**
 * A credit commitment breach (违诺) is the finding of the department that accepted the commitment,
 * about that commitment: the commitment it names (the same subject, type, accepting department
 * and date) must be held at this node and not revoked, and the breach found on or after the day
 * of the commitment and no later than its term ({@code valid_to}), when it has one.
 */
public final class CommitmentBreaches implements TypeRule {
  public static final String BREACH = "commitment-breach";
  public static final String COMMITMENT = "credit-commitment";

  private final RecordType commitment;
  private final RecordStore records;

  public CommitmentBreaches(Catalog catalog, RecordStore records) {
    this.commitment = catalog.type(COMMITMENT).orElseThrow(
        () -> new IllegalStateException("the catalog has " + BREACH + " without " + COMMITMENT));
    this.records = records;
  }

  /** The rule when the catalog has breaches at all; none for a catalog without them. */
  public static List<TypeRule> of(Catalog catalog, RecordStore records) {
    return catalog.type(BREACH).isPresent() ? List.of(new CommitmentBreaches(catalog, records)) : List.of();
  }

  @Override
  public String type() {
    return BREACH;
  }

  @Override
  public Optional<RowProblem> check(Map<String, String> fields) {
    // the breach's identity is its commitment's: the same fields name the commitment's record
    List<StoredVersion> history = records.history(RecordMaker.recordId(commitment, fields));
    if (history.isEmpty()) {
      return Optional.of(new RowProblem("commitment_date", "commitment_not_held", "no " + commitment.label()
          + " of this subject of type " + fields.get("commitment_type") + " accepted by "
          + fields.get("accepting_unit_uscc") + " on " + fields.get("commitment_date") + " is held at this node"));
    }
    RecordBody made = history.get(history.size() - 1).version().body();
    if (made.getStatus() == RecordStatus.RECORD_STATUS_REVOKED) {
      return Optional.of(new RowProblem("commitment_date", "commitment_revoked",
          "the commitment this breach names was revoked"));
    }
    LocalDate breach = LocalDate.parse(fields.get("breach_date"));
    if (breach.isBefore(LocalDate.parse(fields.get("commitment_date")))) {
      return Optional.of(new RowProblem("breach_date", "breach_before_commitment",
          "a commitment cannot be broken before it was made (" + fields.get("commitment_date") + ")"));
    }
    Optional<String> term = RecordFields.field(made.getFieldsList(), "valid_to").filter(v -> !v.isBlank());
    if (term.isPresent() && breach.isAfter(LocalDate.parse(term.get()))) {
      return Optional.of(new RowProblem("breach_date", "breach_after_term",
          "the commitment ran until " + term.get() + "; a breach found later is not one of it"));
    }
    return Optional.empty();
  }
}
