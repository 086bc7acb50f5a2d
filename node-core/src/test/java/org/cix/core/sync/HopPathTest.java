package org.cix.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.cix.core.seal.Sealer;
import org.cix.crypto.hash.Hashes;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.proto.v1.SealProof;
import org.cix.reliability.Fault;
import org.cix.core.seal.SealVerdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listing of bj-chaoyang relayed by bj, then by cn: the path and the times are what each relay's
 * receipt signed, and a relay that changes what came before it breaks a proof it cannot sign for.
 */
class HopPathTest {
  static final Fault REWRITTEN_PATH = new Fault(
      "a relay changes a version's path before it: an earlier relay's or the origin's time, the order, a hop "
          + "left out, another relay's receipt, an origin's seal offered as a receipt, proofs stripped",
      "refused (bad_hop_proof or unproven_path) naming the hop that does not hold");
  private static final byte[] SHA = Hashes.sha256("a listing".getBytes());
  private static final long AT_ORIGIN = 1_000;
  private static final long AT_BJ = 2_000;
  private static final long AT_CN = 3_000;
  @TempDir Path dir;
  private Sealer.Sealed bjReceipt;
  private Sealer.Sealed cnReceipt;
  private org.cix.core.seal.SealedBatch cnSeal;
  private final SealVerdict.Cache seals = new SealVerdict.Cache();

  @BeforeEach
  void relays() {
    TestPki pki = TestPki.create(dir);
    NodeKeyMaterial bj = pki.node("bj", "1101");
    NodeKeyMaterial cn = pki.node("cn", "");
    byte[] atBj = HopPath.leaf(SHA, HopPath.start(SHA, "bj-chaoyang", AT_ORIGIN), "bj", AT_BJ);
    bjReceipt = new Sealer(bj, Clock.systemUTC()).receipt(List.of(Hashes.sha256("another".getBytes()), atBj));
    cnReceipt = new Sealer(cn, Clock.systemUTC()).receipt(List.of(HopPath.leaf(SHA, atBj, "cn", AT_CN)));
    cnSeal = new Sealer(cn, Clock.systemUTC()).seal(List.of(org.cix.core.record.RecordVersion.create(
        org.cix.proto.v1.RecordBody.newBuilder().setRecordId("00".repeat(16)).setVersion(1).build())));
    for (Sealer.Sealed sealed : List.of(bjReceipt, cnReceipt)) {
      seals.put(sealed.header().getSealId(), SealVerdict.verified(sealed.header()));
    }
    seals.put(cnSeal.header().getSealId(), SealVerdict.verified(cnSeal.header()));
  }

  private byte[] verify(List<String> hops, List<Long> times, List<SealProof> proofs) throws HopPath.Unproven {
    return HopPath.verify(SHA, "bj-chaoyang", hops, times, "cn", proofs, seals);
  }

  private List<SealProof> honestProofs() {
    return List.of(bjReceipt.proofs().get(1), cnReceipt.proofs().get(0));
  }

  @Test
  void thePathAsEachRelaySignedIt_holds() throws Exception {
    byte[] last = verify(List.of("bj-chaoyang", "bj"), List.of(AT_ORIGIN, AT_BJ, AT_CN), honestProofs());

    assertThat(last).isEqualTo(HopPath.leaf(SHA, HopPath.leaf(SHA, HopPath.start(SHA, "bj-chaoyang", AT_ORIGIN),
        "bj", AT_BJ), "cn", AT_CN));
    assertThat(HopPath.verify(SHA, "bj-chaoyang", List.of(), List.of(AT_ORIGIN), "bj-chaoyang", List.of(), seals))
        .as("sent by its origin").isEqualTo(HopPath.start(SHA, "bj-chaoyang", AT_ORIGIN));
  }

  @Test
  void whatARelayChangesBeforeIt_isRefused() {
    REWRITTEN_PATH.inflicted();
    assertRefused(() -> verify(List.of("bj-chaoyang", "bj"), List.of(AT_ORIGIN, AT_BJ - 86_400_000, AT_CN),
        honestProofs()), "bad_hop_proof", "hop 1 (bj at 1969-12-31T00:00:02Z)");
    assertRefused(() -> verify(List.of("bj-chaoyang", "bj"), List.of(AT_ORIGIN + 1, AT_BJ, AT_CN), honestProofs()),
        "bad_hop_proof", "hop 1 (bj");
    assertRefused(() -> verify(List.of("bj-chaoyang"), List.of(AT_ORIGIN, AT_CN), List.of(cnReceipt.proofs().get(0))),
        "bad_hop_proof", "hop 1 (cn");
    assertRefused(() -> verify(List.of("bj-chaoyang", "bj"), List.of(AT_ORIGIN, AT_BJ, AT_CN),
        List.of(cnReceipt.proofs().get(0), cnReceipt.proofs().get(0))), "bad_hop_proof", "proved by a receipt of cn");
    assertRefused(() -> verify(List.of("bj-chaoyang", "bj"), List.of(AT_ORIGIN, AT_BJ, AT_CN),
        List.of(bjReceipt.proofs().get(1), cnSeal.proofs().get(0))), "bad_hop_proof", "a seal, not a receipt");
    assertRefused(() -> verify(List.of("bj-chaoyang", "bj"), List.of(AT_ORIGIN, AT_BJ, AT_CN), List.of()),
        "unproven_path", "needs 3 times and 2 hop proofs");
    assertRefused(() -> verify(List.of("bj", "bj-chaoyang"), List.of(AT_ORIGIN, AT_BJ, AT_CN), honestProofs()),
        "unproven_path", "starts at bj, not at the origin bj-chaoyang");
    assertRefused(() -> verify(List.of(), List.of(AT_CN), List.of()), "unproven_path",
        "relayed by cn without the path from its origin bj-chaoyang");
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void assertRefused(Call call, String code, String detail) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(HopPath.Unproven.class, e -> {
      assertThat(e.refusal().code()).isEqualTo(code);
      assertThat(e.refusal().detail()).contains(detail);
    });
  }
}
