package org.cix.core.audit;

import org.cix.reliability.Fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.proto.v1.AuditWitness;
import org.cix.proto.v1.SignedAuditHead;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parent countersigns its child's audit head; the child keeps the countersignature; a child
 * that later rewrites its log consistently is found by {@code verify} at the countersigned entry,
 * and by the parent when it sends that entry's head again.
 */
class AuditCountersigningTest {
  static final Fault AUDIT_REWRITTEN = new Fault(
      "a district's audit log rewritten consistently (every hash recomputed) after its parent "
          + "countersigned it",
      "audit verify fails at the countersigned entry; the parent refuses the rewritten head and "
          + "audits audit.rewritten");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T02:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private final InMemoryAuditLog childLog = new InMemoryAuditLog();
  private final InMemoryAuditLog parentLog = new InMemoryAuditLog();
  private NodeKeyMaterial parentKeys;
  private NodeKeyMaterial childKeys;
  private AuditCountersigning child;
  private AuditCountersigning parent;

  @BeforeEach
  void setUp() {
    TestPki pki = TestPki.create(dir);
    parentKeys = pki.node("bj", "1101");
    childKeys = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    child = new AuditCountersigning("bj-chaoyang", childKeys, childLog, CLOCK);
    parent = new AuditCountersigning("bj", parentKeys, parentLog, CLOCK);
    for (int i = 1; i <= 4; i++) {
      childLog.append(new AuditEvent(Instant.ofEpochMilli(i * 1000L), "采购科", "check", "91110105MA01XXXX0X",
          "action=public-procurement.bid; n=" + i));
    }
  }

  @Test
  void headCountersignedByTheParent_isKeptOnBothSides_andVerifies() {
    AuditCountersigning.Head head = child.headAfter(0).orElseThrow();
    assertThat(head.seq()).isEqualTo(4);
    assertThat(child.headAfter(4)).as("nothing new to send").isEmpty();

    AuditWitness witness = parent.countersign(head.signed(), "bj-chaoyang", childKey()).orElseThrow();
    CountersignedHead kept = child.witnessed(witness, "bj", parentKey());

    assertThat(kept.seq()).isEqualTo(4);
    assertThat(kept.hash()).isEqualTo(childLog.entries.get(3).hash());
    assertThat(parentLog.latestOfOthers("bj")).singleElement().satisfies(h -> assertThat(h.seq()).isEqualTo(4));
    AuditChain.Verification v = AuditChain.verify(childLog, "bj-chaoyang");
    assertThat(v.intact()).isTrue();
    assertThat(v.countersigned()).hasValueSatisfying(h -> assertThat(h.witness()).isEqualTo("bj"));
  }

  @Test
  void consistentRewriteAfterTheCountersignature_isFound_byVerifyAndByTheParent() {
    AUDIT_REWRITTEN.inflicted();
    AuditCountersigning.Head head = child.headAfter(0).orElseThrow();
    child.witnessed(parent.countersign(head.signed(), "bj-chaoyang", childKey()).orElseThrow(), "bj", parentKey());

    rewriteFrom(2, "action=bond-issuance");

    assertThat(AuditChain.verify(childLog, "bj-chaoyang")).satisfies(v -> {
      assertThat(v.firstBad()).as("the chain itself holds; the countersigned entry does not").contains(4L);
      assertThat(v.why()).startsWith("the log was rewritten: bj countersigned entry 4 on 2026-11-27T02:00:00Z");
    });
    assertThat(parent.countersign(child.headAfter(0).orElseThrow().signed(), "bj-chaoyang", childKey()))
        .as("the same entry with another hash is not countersigned").isEmpty();
    assertThat(parentLog.entries).singleElement().satisfies(e -> {
      assertThat(e.event().action()).isEqualTo("audit.rewritten");
      assertThat(e.event().actor()).isEqualTo("bj-chaoyang");
    });
  }

  @Test
  void entriesRemovedAfterTheCountersignature_areFound() {
    AUDIT_REWRITTEN.inflicted();
    child.witnessed(parent.countersign(child.headAfter(0).orElseThrow().signed(), "bj-chaoyang", childKey())
        .orElseThrow(), "bj", parentKey());
    childLog.entries.remove(3);

    assertThat(AuditChain.verify(childLog, "bj-chaoyang").why())
        .contains("bj countersigned entry 4").contains("but the log ends at entry 3: entries were removed after");
  }

  @Test
  void forgedOrMisaddressedHeadsAndWitnesses_areRefused() {
    SignedAuditHead head = child.headAfter(0).orElseThrow().signed();
    SignedAuditHead forged = head.toBuilder().setSignature(ByteString.copyFrom(new byte[64])).build();
    assertThatThrownBy(() -> parent.countersign(forged, "bj-chaoyang", childKey()))
        .hasMessageContaining("does not verify with the sealing key of bj-chaoyang");
    assertThatThrownBy(() -> parent.countersign(head, "bj-dongcheng", childKey()))
        .hasMessageContaining("audit head of bj-chaoyang sent as bj-dongcheng's");

    AuditWitness witness = parent.countersign(head, "bj-chaoyang", childKey()).orElseThrow();
    assertThatThrownBy(() -> child.witnessed(witness.toBuilder().setSignature(ByteString.copyFrom(new byte[64]))
        .build(), "bj", parentKey())).hasMessageContaining("does not verify with the sealing key of bj");
    assertThatThrownBy(() -> child.witnessed(witness, "cn", parentKey()))
        .hasMessageContaining("names witness bj, sent by cn");
    assertThat(childLog.heads).isEmpty();
  }

  /** Changes entry {@code from}'s detail and recomputes every hash from there: a consistent rewrite. */
  private void rewriteFrom(int from, String detail) {
    List<AuditEntry> rewritten = new ArrayList<>(childLog.entries.subList(0, from - 1));
    byte[] previous = rewritten.isEmpty() ? AuditChain.GENESIS : rewritten.get(rewritten.size() - 1).hash();
    for (AuditEntry e : childLog.entries.subList(from - 1, childLog.entries.size())) {
      AuditEvent event = e.seq() == from ? new AuditEvent(e.event().at(), e.event().actor(), e.event().action(),
          e.event().subject(), detail) : e.event();
      AuditEntry entry = new AuditEntry(e.seq(), event, previous, AuditChain.hash(e.seq(), event, previous));
      rewritten.add(entry);
      previous = entry.hash();
    }
    childLog.entries.clear();
    childLog.entries.addAll(rewritten);
  }

  private java.security.PublicKey childKey() {
    return childKeys.sealChain().get(0).getPublicKey();
  }

  private java.security.PublicKey parentKey() {
    return parentKeys.sealChain().get(0).getPublicKey();
  }
}
