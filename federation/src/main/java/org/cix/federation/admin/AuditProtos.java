package org.cix.federation.admin;

import org.cix.core.audit.AuditEntry;
import org.cix.core.node.NodeServices;
import org.cix.crypto.hash.Hashes;
import org.cix.proto.v1.AuditEntries;
import org.cix.proto.v1.AuditEntryInfo;

/** The audit log as the admin and department APIs list it. */
public final class AuditProtos {
  private AuditProtos() {}

  /** The latest {@code limit} entries (50 when 0, at most 10,000), oldest first; subjects as loggable. */
  public static AuditEntries latest(NodeServices backend, int limit) {
    int n = limit == 0 ? 50 : Math.min(limit, 10_000);
    AuditEntries.Builder list = AuditEntries.newBuilder();
    for (AuditEntry e : backend.audit().after(Math.max(0, backend.audit().lastSeq() - n), n)) {
      list.addEntries(AuditEntryInfo.newBuilder().setSeq(e.seq()).setAtMillis(e.event().at().toEpochMilli())
          .setActor(e.event().actor()).setAction(e.event().action())
          .setSubject(backend.ids().check(e.event().subject()).loggable()).setDetail(e.event().detail())
          .setHash(Hashes.hex(e.hash())));
    }
    return list.build();
  }
}
