package org.cix.core.correction;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The requests a node knows, in a map, for tests of the domain; listed as a store lists them. */
public final class InMemoryCorrectionStore implements CorrectionStore {
  private static final Comparator<CorrectionRequest> LATEST_FILED_FIRST =
      Comparator.comparing((CorrectionRequest r) -> r.request().getOrDefault("filed_on", ""))
          .thenComparing(CorrectionRequest::id).reversed();
  private final Map<String, CorrectionRequest> requests = new HashMap<>();
  private long cursor;

  @Override
  public synchronized void putRequest(String id, Map<String, String> fields) {
    requests.merge(id, new CorrectionRequest(id, fields, Map.of()),
        (held, filed) -> new CorrectionRequest(id, fields, held.decision()));
  }

  @Override
  public synchronized void putDecision(String id, Map<String, String> fields) {
    requests.merge(id, new CorrectionRequest(id, Map.of(), fields),
        (held, decided) -> new CorrectionRequest(id, held.request(), fields));
  }

  @Override
  public synchronized Optional<CorrectionRequest> get(String id) {
    return Optional.ofNullable(requests.get(id));
  }

  @Override
  public synchronized List<CorrectionRequest> list(int limit) {
    return requests.values().stream().sorted(LATEST_FILED_FIRST).limit(limit).toList();
  }

  @Override
  public synchronized long cursor() {
    return cursor;
  }

  @Override
  public synchronized void cursor(long seq) {
    cursor = seq;
  }
}
