package org.cix.crypto.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
  @Test
  void aHashVerifiesItsPasswordOnly_andTwoHashesOfOnePasswordDiffer() {
    String stored = PasswordHash.hash("correct horse battery".toCharArray());
    assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(PasswordHash.matches("correct horse battery".toCharArray(), stored)).isTrue();
    assertThat(PasswordHash.matches("correct horse batterY".toCharArray(), stored)).isFalse();
    assertThat(PasswordHash.hash("correct horse battery".toCharArray())).as("salted").isNotEqualTo(stored);
  }

  @Test
  void theParametersAreReadFromTheStoredString_andAMalformedOneMatchesNothing() {
    // RFC 9106 argon2id parameters other than ours still verify: a stronger setting later keeps old hashes usable
    String stored = PasswordHash.hash("密码也可以是中文的".toCharArray());
    assertThat(PasswordHash.matches("密码也可以是中文的".toCharArray(), stored)).isTrue();
    assertThat(PasswordHash.matches("密码也可以是中文的".toCharArray(), stored.replace("t=2", "t=3"))).isFalse();
    assertThat(PasswordHash.matches("x".toCharArray(), "$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA")).isFalse();
    assertThat(PasswordHash.matches("x".toCharArray(), "plain text")).isFalse();
    assertThat(PasswordHash.matches("x".toCharArray(), null)).isFalse();
  }
}
