package org.cix.core.correction;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The requests a node knows, read from the correction records in its change log, and how far it
 * has read (a port; storage implements it on the node's database).
 */
public interface CorrectionStore {
  /** Keeps the fields of request {@code id}'s record, leaving a decision already held. */
  void putRequest(String id, Map<String, String> fields);

  /** Keeps the fields of the decision on request {@code id}, leaving the request already held. */
  void putDecision(String id, Map<String, String> fields);

  Optional<CorrectionRequest> get(String id);

  /** The latest {@code limit} requests, the latest filed first. */
  List<CorrectionRequest> list(int limit);

  /** The change-log sequence read up to. */
  long cursor();

  void cursor(long seq);
}
