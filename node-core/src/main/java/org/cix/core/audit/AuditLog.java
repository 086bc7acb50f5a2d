package org.cix.core.audit;

import java.util.List;

/**
 * The node's append-only audit log (port; storage keeps it in the node's database), and the
 * countersigned heads: of this log by the parent, and of the children's logs by this node.
 */
public interface AuditLog {
  /** Appends {@code event} after the last entry, chained to it; returns the entry. */
  AuditEntry append(AuditEvent event);

  /** The sequence of the last entry; 0 when the log is empty. */
  long lastSeq();

  /** Up to {@code limit} entries after {@code afterSeq}, in order. */
  List<AuditEntry> after(long afterSeq, int limit);

  /** Keeps a countersigned head (one per node, entry and witness; kept again, nothing changes). */
  void keepCountersigned(CountersignedHead head);

  /** The countersigned heads of {@code node}'s log, by entry. */
  List<CountersignedHead> countersigned(String node);

  /** The latest countersigned head of each node's log other than {@code self}'s, by node id. */
  List<CountersignedHead> latestOfOthers(String self);
}
