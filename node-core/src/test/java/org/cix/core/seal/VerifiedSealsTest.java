package org.cix.core.seal;

import static org.assertj.core.api.Assertions.assertThat;

import org.cix.proto.v1.SealHeader;
import org.junit.jupiter.api.Test;

class VerifiedSealsTest {
  private static final SealHeader HEADER = SealHeader.newBuilder().setSealId("s1").setOriginNode("bj").build();

  @Test
  void aSealVerifiedUnderTrustThatChangedSince_isNotKept_andForgettingDropsEveryVerdict() {
    VerifiedSeals seals = new VerifiedSeals(10);
    String key = VerifiedSeals.key("s1", 1000, "bj");
    long before = seals.trust();
    seals.put(key, HEADER, before);
    assertThat(seals.get(key)).contains(HEADER);
    assertThat(seals.get(VerifiedSeals.key("s1", 1000, "sh"))).as("another origin under the seal").isEmpty();

    seals.forget();
    assertThat(seals.get(key)).isEmpty();
    seals.put(key, HEADER, before);
    assertThat(seals.get(key)).as("verified before the revocation lists changed").isEmpty();
    seals.put(key, HEADER, seals.trust());
    assertThat(seals.get(key)).contains(HEADER);
  }

  @Test
  void atCapacity_theVerdictsAreDroppedAndTheNewOneKept() {
    VerifiedSeals seals = new VerifiedSeals(2);
    seals.put("a", HEADER, seals.trust());
    seals.put("b", HEADER, seals.trust());
    seals.put("c", HEADER, seals.trust());
    assertThat(seals.get("a")).isEmpty();
    assertThat(seals.get("c")).contains(HEADER);
  }
}
