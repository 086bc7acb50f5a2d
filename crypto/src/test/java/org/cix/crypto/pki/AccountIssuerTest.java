package org.cix.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import org.cix.crypto.keys.KeyAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account CA of a node: kept owner-only in the node directory, the same one at every start. */
class AccountIssuerTest {
  @TempDir Path node;

  @Test
  void madeOnceOwnerOnly_andReadBackTheSame_issuingClientCertificatesOnly() throws Exception {
    Clock clock = Clock.systemUTC();
    AccountIssuer made = AccountIssuer.loadOrCreate(node, "bj", clock);
    Path dir = node.resolve(AccountIssuer.DIR);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(CertificateAuthority.KEY_FILE))))
        .isEqualTo("rw-------");
    assertThat(AccountIssuer.loadOrCreate(node, "bj", clock).certificate()).isEqualTo(made.certificate());

    X509Certificate client = made.issue("bureau-system", "11110105FCL0L7Q94E",
        KeyAlgorithm.EC_P256.generate(new SecureRandom()).getPublic(), clock.instant().plus(Duration.ofDays(1)));
    client.verify(made.certificate().getPublicKey());
    assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(client.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    assertThat(client.getSubjectX500Principal().getName()).contains("CN=bureau-system").contains("OU=11110105FCL0L7Q94E");
  }

  @Test
  void aFrontEndHoldsTheCertificateAndAServerCertificate_andIssuesNothing() throws Exception {
    AccountIssuer writer = AccountIssuer.loadOrCreate(node.resolve("writer"), "cn", Clock.systemUTC());
    Path front = node.resolve("front");
    Files.createDirectories(front);
    writer.writeServerFiles(java.util.List.of("credit-check-1.example.gov.cn"), java.time.Instant.now().plus(
        Duration.ofDays(30)), front.resolve(AccountIssuer.DIR));

    assertThat(front.resolve(AccountIssuer.DIR).resolve(CertificateAuthority.KEY_FILE)).doesNotExist();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(front.resolve(AccountIssuer.DIR)
        .resolve(AccountIssuer.SERVER_KEY)))).isEqualTo("rw-------");
    AccountIssuer verifying = AccountIssuer.loadOrCreate(front, "cn", Clock.systemUTC());
    assertThat(verifying.canIssue()).isFalse();
    assertThat(verifying.certificate()).isEqualTo(writer.certificate());
    X509Certificate server = AccountIssuer.serverFiles(front).orElseThrow().chain().get(0);
    server.verify(writer.certificate().getPublicKey());
    assertThat(server.getSubjectAlternativeNames()).anySatisfy(n -> assertThat(n.get(1))
        .isEqualTo("credit-check-1.example.gov.cn"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifying.issue("x", "91110000600037341L",
        KeyAlgorithm.EC_P256.generate(new SecureRandom()).getPublic(), java.time.Instant.now().plusSeconds(60)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("account CA's certificate only");
    assertThat(AccountIssuer.serverFiles(node.resolve("writer"))).isEmpty();
  }
}
