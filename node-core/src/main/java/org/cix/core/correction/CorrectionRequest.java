package org.cix.core.correction;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a node knows of one request: the fields of its {@code correction-request} record and, once
 * decided, of its {@code correction-decision} record, each under the catalog's keys. Either may
 * be empty here (a node on the decision's way back that never saw the request, or a request not
 * yet decided).
 */
public record CorrectionRequest(String id, Map<String, String> request, Map<String, String> decision) {
  public CorrectionRequest {
    request = Collections.unmodifiableMap(new LinkedHashMap<>(request));
    decision = Collections.unmodifiableMap(new LinkedHashMap<>(decision));
  }

  public RequestKind kind() {
    return RequestKind.of(field("kind"));
  }

  public String recordId() {
    return field("record_id");
  }

  public String subjectId() {
    return field("subject_id");
  }

  /** The node that made the record concerned: the only one that decides. */
  public String originNode() {
    return request.getOrDefault("record_origin_node", "");
  }

  public Optional<LocalDate> dueOn() {
    String due = request.getOrDefault("due_on", "");
    return due.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(due));
  }

  public Optional<Outcome> outcome() {
    String outcome = decision.getOrDefault("outcome", "");
    return outcome.isEmpty() ? Optional.empty() : Optional.of(Outcome.valueOf(outcome));
  }

  public boolean open() {
    return decision.isEmpty();
  }

  /** Open after its deadline on {@code today}. */
  public boolean overdue(LocalDate today) {
    return open() && dueOn().map(today::isAfter).orElse(false);
  }

  /** A field of the request, else of the decision; empty when neither has it. */
  public String field(String key) {
    return request.getOrDefault(key, decision.getOrDefault(key, ""));
  }
}
