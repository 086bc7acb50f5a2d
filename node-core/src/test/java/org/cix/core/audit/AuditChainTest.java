package org.cix.core.audit;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditChainTest {
  static final Fault AUDIT_EDITED = new Fault(
      "an audit log entry edited or removed in the database",
      "audit verify names the first entry that does not hold");
  private final InMemoryAuditLog log = new InMemoryAuditLog();

  @BeforeEach
  void fill() {
    for (int i = 1; i <= 5; i++) {
      log.append(new AuditEvent(Instant.ofEpochMilli(i * 1000L), "财政局 采购科", "check", "11010519491231002X",
          "action=public-procurement.bid; n=" + i));
    }
  }

  @Test
  void untouchedLog_verifies_andItsHeadIsTheLastHash() {
    AuditChain.Verification v = AuditChain.verify(log, "sz");

    assertThat(v.intact()).isTrue();
    assertThat(v.entries()).isEqualTo(5);
    assertThat(v.head()).isEqualTo(log.entries.get(4).hash());
  }

  @Test
  void changedEntry_isNamed_evenWithItsHashRecomputedWithoutTheChain() {
    AUDIT_EDITED.inflicted();
    AuditEntry third = log.entries.get(2);
    AuditEvent forged = new AuditEvent(third.event().at(), "someone else", "check", third.event().subject(),
        third.event().detail());
    log.entries.set(2, new AuditEntry(3, forged, third.previous(), third.hash()));

    AuditChain.Verification v = AuditChain.verify(log, "sz");
    assertThat(v.firstBad()).contains(3L);
    assertThat(v.why()).contains("entry 3 was changed after it was written");
    assertThat(v.entries()).isEqualTo(2);

    log.entries.set(2, new AuditEntry(3, forged, third.previous(), AuditChain.hash(3, forged, third.previous())));
    assertThat(AuditChain.verify(log, "sz").firstBad()).as("the next entry no longer follows").contains(4L);
  }

  @Test
  void removedEntry_isNamed() {
    AUDIT_EDITED.inflicted();
    log.entries.remove(1);

    AuditChain.Verification v = AuditChain.verify(log, "sz");
    assertThat(v.firstBad()).contains(2L);
    assertThat(v.why()).isEqualTo("entry 2 is missing (next is 3)");
  }

  @Test
  void emptyLog_isIntact() {
    assertThat(AuditChain.verify(new InMemoryAuditLog(), "sz").intact()).isTrue();
  }
}
