package org.cix.core.correction;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cix.core.account.Account;
import org.cix.core.account.Role;
import org.cix.core.catalog.Catalog;
import org.cix.core.catalog.RecordType;
import org.cix.core.error.CixException;
import org.cix.core.store.RecordStore;
import org.cix.core.store.StoredVersion;

/**
 * Objections and repair requests as a department's deciders see them: they file requests on
 * behalf of subjects, and decide the requests about records their own department decided (the
 * record type's deciding department, {@link RecordType#decidedBy()}, in its current version here),
 * and no one else's. The decision itself is {@link Corrections}': only at the record's origin.
 */
public final class DepartmentRequests {
  private final Corrections corrections;
  private final RecordStore records;
  private final Catalog catalog;

  public DepartmentRequests(Corrections corrections, RecordStore records, Catalog catalog) {
    this.corrections = corrections;
    this.records = records;
    this.catalog = catalog;
  }

  /** Files a request on behalf of a subject, under the account. */
  public CorrectionRequest file(Account account, Corrections.Filing filing) {
    account.require(Role.DECIDER, "file objections or repair requests");
    return corrections.file(new Corrections.Filing(filing.kind(), filing.subjectId(), filing.recordId(),
        filing.reason(), filing.evidence(), filing.contact(), filing.conditions(), account.actor()));
  }

  /** The requests about records the account's department decided (open ones only when {@code openOnly}). */
  public List<CorrectionRequest> mine(Account account, boolean openOnly) {
    account.require(Role.DECIDER, "see requests");
    return corrections.list(Optional.empty(), openOnly, false).stream()
        .filter(r -> decidedBy(r.recordId()).filter(account.department()::equals).isPresent()).toList();
  }

  /** Decides a request about a record of the account's department, under the account. */
  public CorrectionRequest decide(Account account, String id, String outcome, Map<String, String> corrected,
      String note) {
    account.require(Role.DECIDER, "decide requests");
    CorrectionRequest request = corrections.get(id).orElseThrow(
        () -> CixException.notFound("no request '" + id + "' is known at this node"));
    Optional<String> department = decidedBy(request.recordId());
    if (department.isEmpty() || !department.get().equals(account.department())) {
      throw CixException.permissionDenied("request " + id + " is about record " + request.recordId() + ", decided by "
          + department.orElse("no department held here") + ": department " + account.department()
          + " decides only requests about its own records");
    }
    return corrections.decide(id, outcome, corrected, note, account.actor());
  }

  /** The USCC of the department that decided the record as held here, if the record and its type name one. */
  private Optional<String> decidedBy(String recordId) {
    List<StoredVersion> history = records.history(recordId);
    if (history.isEmpty()) {
      return Optional.empty();
    }
    var version = history.get(history.size() - 1).version();
    return catalog.type(version.body().getType()).flatMap(RecordType::decidedBy)
        .map(key -> version.fields().getOrDefault(key + "_uscc", "")).filter(uscc -> !uscc.isEmpty());
  }
}
