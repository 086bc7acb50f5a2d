package org.cix.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cix.cli.Cix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cix node request}, {@code cix ca sign}, {@code cix node accept}, as an operator runs them. */
class EnrolCommandTest {
  @TempDir Path dir;

  @Test
  void aDistrictEnrolsByRequest_andItsParentCannotSignForAnotherCity() throws Exception {
    Cix.run("ca", "init", "--out", dir.resolve("root").toString(), "--name", "Root");
    Cix.run("node", "init", "--id", "bj", "--jurisdiction", "1101", "--ca", dir.resolve("root").toString(), "--out",
        dir.resolve("bj").toString());
    Path chaoyang = dir.resolve("bj-chaoyang");

    assertThat(Cix.run("node", "request", "--id", "bj-chaoyang", "--jurisdiction", "110105", "--out",
        chaoyang.toString())).contains("request       " + chaoyang.resolve("enrol-request.pem"));
    assertThat(Cix.run("ca", "sign", "--ca", dir.resolve("bj").toString(), "--request",
        chaoyang.resolve("enrol-request.pem").toString(), "--out", dir.resolve("answer").toString()))
        .contains("issued for node bj-chaoyang (110105): TLS, sealing certificates");
    try (Stream<Path> answer = Files.list(dir.resolve("answer"))) {
      assertThat(answer.map(p -> p.getFileName().toString())).doesNotContain("tls.key", "seal.key", "admin.token");
    }
    assertThat(Cix.run("node", "accept", "--answer", dir.resolve("answer").toString(), "--node", chaoyang.toString()))
        .contains("node bj-chaoyang (110105) ready").contains("issues for children: no")
        .contains("root          SHA-256 ");

    Cix.run("node", "request", "--id", "sh", "--jurisdiction", "3101", "--out", dir.resolve("sh").toString());
    assertThat(Cix.run(1, "ca", "sign", "--ca", dir.resolve("bj").toString(), "--request",
        dir.resolve("sh").resolve("enrol-request.pem").toString(), "--out", dir.resolve("a2").toString()))
        .contains("CA of jurisdiction 1101 cannot issue for jurisdiction 3101");
    assertThat(dir.resolve("a2")).doesNotExist();
  }

  @Test
  void aReadFrontEndEnrolsByRequest_forATlsCertificateOfTheNodeMarkedAsAFrontEnds() throws Exception {
    Cix.run("ca", "init", "--out", dir.resolve("root").toString(), "--name", "Root");
    Cix.run("node", "init", "--id", "bj", "--jurisdiction", "1101", "--ca", dir.resolve("root").toString(), "--out",
        dir.resolve("bj").toString());
    Path front = dir.resolve("bj-front");

    assertThat(Cix.run("node", "request", "--id", "bj", "--jurisdiction", "1101", "--front-end", "--out",
        front.toString())).contains("read front end of node bj started").contains("(TLS, marked as a front end's)");
    assertThat(front.resolve("seal.key")).doesNotExist();
    assertThat(Cix.run("ca", "sign", "--ca", dir.resolve("root").toString(), "--request",
        front.resolve("enrol-request.pem").toString(), "--out", dir.resolve("answer").toString()))
        .contains("issued for a read front end of node bj (1101): a TLS certificate marked as a front end's");
    assertThat(dir.resolve("answer").resolve("seal.crt")).doesNotExist();
    assertThat(Cix.run("node", "accept", "--answer", dir.resolve("answer").toString(), "--node", front.toString()))
        .contains("read front end of node bj (1101) ready").contains("no sealing key");
    assertThat(org.cix.crypto.pki.NodeKeyMaterial.load(front, java.time.Clock.systemUTC()).frontEnd()).isTrue();
  }
}
