package org.cix.core.sync;

import java.security.cert.X509Certificate;
import java.util.List;
import org.cix.core.store.Quarantined;
import org.cix.proto.v1.Seal;

/**
 * Everything one checked bundle leaves in the store, written in one transaction: the seals and
 * origin certificates its versions need, the versions, the refused items, the new cursor and the
 * ledger entry (whose accepted, duplicate and conflict counts the store fills in).
 */
public record Reception(
    String peerNode, long lastSeq, long receivedAtMillis, List<Seal> seals, List<List<X509Certificate>> origins,
    List<ReceivedVersion> versions, List<Quarantined> refused, LedgerEntry ledger) {
  public Reception {
    seals = List.copyOf(seals);
    origins = List.copyOf(origins);
    versions = List.copyOf(versions);
    refused = List.copyOf(refused);
  }
}
