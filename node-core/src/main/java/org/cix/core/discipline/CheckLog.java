package org.cix.core.discipline;

import java.util.List;
import java.util.Map;

/**
 * Where a node records every check, and the feedback rows its applied measures owe the records'
 * origins, kept until published (port; storage implements it on the node's database).
 */
public interface CheckLog {
  /** Records {@code entry} and the feedback rows it gives, together. */
  void append(CheckEntry entry, List<Map<String, String>> feedback);

  /** The latest {@code limit} checks, newest first. */
  List<CheckEntry> recent(int limit);

  /** The oldest {@code limit} feedback rows not yet published. */
  List<PendingFeedback> pendingFeedback(int limit);

  /** Feedback rows up to {@code id} became records. */
  void feedbackPublished(long id);
}
