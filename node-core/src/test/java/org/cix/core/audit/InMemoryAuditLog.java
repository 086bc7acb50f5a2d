package org.cix.core.audit;

import java.util.ArrayList;
import java.util.List;

/** An audit log in a list, for tests of the domain; {@link #entries} may be tampered with. */
public final class InMemoryAuditLog implements AuditLog {
  public final List<AuditEntry> entries = new ArrayList<>();
  public final List<CountersignedHead> heads = new ArrayList<>();

  @Override
  public synchronized AuditEntry append(AuditEvent event) {
    byte[] previous = entries.isEmpty() ? AuditChain.GENESIS : entries.get(entries.size() - 1).hash();
    long seq = entries.isEmpty() ? 1 : entries.get(entries.size() - 1).seq() + 1;
    AuditEntry entry = new AuditEntry(seq, event, previous, AuditChain.hash(seq, event, previous));
    entries.add(entry);
    return entry;
  }

  @Override
  public synchronized long lastSeq() {
    return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
  }

  @Override
  public synchronized List<AuditEntry> after(long afterSeq, int limit) {
    return entries.stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
  }

  @Override
  public synchronized void keepCountersigned(CountersignedHead head) {
    heads.add(head);
  }

  @Override
  public synchronized List<CountersignedHead> countersigned(String node) {
    return heads.stream().filter(h -> h.node().equals(node))
        .sorted(java.util.Comparator.comparingLong(CountersignedHead::seq)).toList();
  }

  @Override
  public synchronized List<CountersignedHead> latestOfOthers(String self) {
    java.util.Map<String, CountersignedHead> latest = new java.util.TreeMap<>();
    heads.stream().filter(h -> !h.node().equals(self)).forEach(h -> latest.merge(h.node(), h,
        (a, b) -> a.seq() >= b.seq() ? a : b));
    return List.copyOf(latest.values());
  }
}
