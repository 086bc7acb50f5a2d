package org.cix.core.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.cix.core.record.RecordIds;
import org.cix.core.record.RecordVersion;
import org.cix.crypto.pki.ChainValidator;
import org.cix.crypto.pki.NodeKeyMaterial;
import org.cix.crypto.pki.TestPki;
import org.cix.crypto.sign.Signatures;
import org.cix.proto.v1.Field;
import org.cix.proto.v1.RecordBody;
import org.cix.proto.v1.Seal;
import org.cix.proto.v1.SealHeader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealerTest {
  @TempDir Path dir;
  private NodeKeyMaterial chaoyang;
  private NodeKeyMaterial haidian;
  private SealVerifier verifier;
  private List<RecordVersion> versions;

  @BeforeEach
  void setUp() {
    TestPki pki = TestPki.create(dir);
    pki.node("bj", "1101");
    chaoyang = pki.node(pki.caOf("bj"), "bj-chaoyang", "110105");
    haidian = pki.node(pki.caOf("bj"), "bj-haidian", "110108");
    verifier = new SealVerifier(new ChainValidator(pki.root().root(), Clock.systemUTC()));
    versions = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      versions.add(RecordVersion.create(RecordBody.newBuilder()
          .setRecordId(RecordIds.of("administrative-penalty", List.of("京朝罚〔2026〕" + i, "11110105000000000X")))
          .setVersion(1)
          .setType("administrative-penalty")
          .addFields(Field.newBuilder().setKey("decision_number").setValue("京朝罚〔2026〕" + i))
          .build()));
    }
  }

  @Test
  void seal_everyVersionProvesAgainstTheVerifiedSeal() throws Exception {
    SealedBatch batch = new Sealer(chaoyang, Clock.systemUTC()).seal(versions);

    SealHeader header = verifier.verify(batch.seal(), chaoyang.sealChain());

    assertThat(header.getOriginNode()).isEqualTo("bj-chaoyang");
    assertThat(header.getOriginJurisdiction()).isEqualTo("110105");
    assertThat(header.getLeafCount()).isEqualTo(10);
    assertThat(header.getAlgorithm()).isEqualTo("Ed25519");
    for (int i = 0; i < versions.size(); i++) {
      int index = i;
      assertThatCode(() -> SealVerifier.prove(header, batch.proofs().get(index), versions.get(index)))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void prove_anotherVersion_fails() throws Exception {
    SealedBatch batch = new Sealer(chaoyang, Clock.systemUTC()).seal(versions);
    SealHeader header = verifier.verify(batch.seal(), chaoyang.sealChain());

    assertThatThrownBy(() -> SealVerifier.prove(header, batch.proofs().get(3), versions.get(4)))
        .hasMessageContaining("Merkle proof does not verify");
  }

  @Test
  void fromBytes_tamperedByte_isRefused() {
    byte[] bytes = versions.get(0).bytes();
    bytes[bytes.length - 1] ^= 1;

    assertThatThrownBy(() -> RecordVersion.fromBytes(bytes, versions.get(0).sha256()))
        .hasMessageContaining("do not match their SHA-256");
  }

  @Test
  void verify_alteredHeader_failsTheSignature() throws Exception {
    SealedBatch batch = new Sealer(chaoyang, Clock.systemUTC()).seal(versions);
    SealHeader inflated = batch.header().toBuilder().setLeafCount(11).build();
    Seal altered = batch.seal().toBuilder().setHeader(inflated.toByteString()).build();

    assertThatThrownBy(() -> verifier.verify(altered, chaoyang.sealChain()))
        .hasMessageContaining("seal signature does not verify");
  }

  @Test
  void verify_anotherNodesCertificate_isRefused() {
    SealedBatch batch = new Sealer(chaoyang, Clock.systemUTC()).seal(versions);

    assertThatThrownBy(() -> verifier.verify(batch.seal(), haidian.sealChain()))
        .hasMessageContaining("seal names another certificate of bj-chaoyang");
  }

  @Test
  void verify_sealForgedByAnotherNodeClaimingTheOrigin_isRefused() {
    SealedBatch honest = new Sealer(haidian, Clock.systemUTC()).seal(versions);
    byte[] forgedHeader = honest.header().toBuilder().setOriginNode("bj-chaoyang").setOriginJurisdiction("110105")
        .build().toByteArray();
    Seal forged = Seal.newBuilder().setHeader(ByteString.copyFrom(forgedHeader))
        .setSignature(ByteString.copyFrom(Signatures.sign(haidian.sealKey(), forgedHeader))).build();

    assertThatThrownBy(() -> verifier.verify(forged, haidian.sealChain()))
        .hasMessageContaining("seal claims origin bj-chaoyang (110105) but the certificate is of bj-haidian (110108)");
  }
}
