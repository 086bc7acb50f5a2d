package org.cix.core.audit;

import java.util.List;

/** The node's append-only audit log (port; storage keeps it in the node's database). */
public interface AuditLog {
  /** Appends {@code event} after the last entry, chained to it; returns the entry. */
  AuditEntry append(AuditEvent event);

  /** The sequence of the last entry; 0 when the log is empty. */
  long lastSeq();

  /** Up to {@code limit} entries after {@code afterSeq}, in order. */
  List<AuditEntry> after(long afterSeq, int limit);
}
